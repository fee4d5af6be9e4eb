//! The stylesheet and script of the web page, compiled into the binary.

pub(super) const STYLE: &str = r#"
body{font-family:system-ui,"Segoe UI",Roboto,sans-serif;margin:0;color:#1b1b1b;background:#f6f6f4;line-height:1.4}
.skip{position:absolute;left:-999px;top:0;background:#fff;color:#000;padding:.5rem 1rem;z-index:10}.skip:focus{left:.5rem;top:.5rem}
:focus-visible{outline:3px solid #1a5fb4;outline-offset:2px}
header.top{background:#8b1a1a;color:#fff;padding:.5rem 1rem;display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;align-items:center}
header.top a{color:#fff;text-decoration:none;font-weight:600}header.top a:hover,header.top a:focus{text-decoration:underline}
header.top nav ul{list-style:none;display:flex;gap:1rem;margin:0;padding:0}
header.top form{display:flex;gap:.3rem;margin-left:auto;flex:1 1 16rem;max-width:28rem}
header.top form input{flex:1;min-width:0;font-size:1rem;padding:.25rem .4rem}header.top form button{padding:.25rem .7rem}
header.top .account{display:flex;gap:.5rem;align-items:center}header.top .account form{flex:none;margin-left:0;max-width:none}
.login input{font-size:1rem;padding:.3rem .4rem;width:min(20rem,100%)}.login button{font-size:1rem;padding:.3rem 1rem}
main{max-width:1200px;margin:0 auto;padding:1rem}
h1{font-size:1.6rem;margin:.6rem 0;overflow-wrap:anywhere}
form.search{display:flex;gap:.5rem;margin-bottom:1rem}form.search input[type=search]{flex:1;min-width:0;font-size:1.1rem;padding:.4rem}
button{font-size:1rem;padding:.4rem .9rem;cursor:pointer}
.layout{display:flex;gap:1.5rem}.facets{min-width:12rem}.facets h3{margin:.2rem 0;font-size:.95rem}
.facets summary{display:none}
.facets ul{list-style:none;padding:0;margin:0 0 1rem}.facets a.on{font-weight:700}
ol.hits{padding-left:1.6rem}ol.hits li{margin-bottom:1.1rem}.meta{color:#595959;font-size:.85rem}
a.dossier{font-weight:600;font-size:1.05rem}.hit .id{color:#595959;font-size:.85rem}
dl.keys{display:flex;flex-wrap:wrap;gap:0 1.2rem;margin:.15rem 0;font-size:.9rem}dl.keys div{display:flex;gap:.3rem}dl.keys dt{color:#595959;white-space:nowrap}dl.keys dd{margin:0}
.relevance{display:inline-block;width:3rem;height:.45rem;background:#ddd;border-radius:.2rem;vertical-align:middle;overflow:hidden}.relevance span{display:block;height:100%;background:#8b1a1a}
.relevance .r0{width:0%}.relevance .r10{width:10%}.relevance .r20{width:20%}.relevance .r30{width:30%}.relevance .r40{width:40%}.relevance .r50{width:50%}.relevance .r60{width:60%}.relevance .r70{width:70%}.relevance .r80{width:80%}.relevance .r90{width:90%}.relevance .r100{width:100%}
mark{background:#ffe066;color:#000;padding:0 .1em}
.pager{display:flex;gap:1rem;flex-wrap:wrap}
.results{flex:1;min-width:0}.results h2{font-size:1.05rem;margin:.3rem 0 .6rem}h2#near{margin-top:1.6rem;color:#6e4100}
.how{font-style:italic}li.exact .how,li.folded .how{color:#1d6b2a}
li.fuzzy .how,li.partial .how{color:#8f3900}
.chips a.chip{display:inline-block;background:#fff;border:1px solid #8b1a1a;border-radius:1rem;padding:.1rem .6rem;margin-right:.4rem;color:#8b1a1a;text-decoration:none}
p.none{font-size:1.05rem}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
table.fields{border-collapse:collapse}.fields th,.fields td{padding:.2rem .8rem .2rem 0;vertical-align:top;text-align:left}
.fields th{font-weight:400;color:#444;white-space:nowrap}
.people tbody th{font-weight:600}.people .k{color:#444}.people ul.vals{margin:0}.fields td{overflow-wrap:anywhere}
ul.vals{list-style:none;margin:0;padding:0}ul.vals li{margin:.1rem 0}
.flag{font-size:.88rem;border-radius:.2rem;padding:0 .3rem}.flag.ok{color:#1d6b2a}
.flag.bad,.flag.doubt{display:inline-block;margin:.1rem 0}.flag.bad{background:#fde8e8;color:#8b0000;border:1px solid #e3a6a6}.flag.doubt{background:#fff4d6;color:#5c3a00;border:1px solid #e2c275}.flag.copy{display:inline-block;background:#e8eefc;color:#1f3a7a;border:1px solid #9fb3e0}
section.trust{background:#fff;border:1px solid #e2c275;border-left:.4rem solid #c98a00;padding:.4rem 1rem;margin:.8rem 0}
section.trust h2{font-size:1rem;margin:.3rem 0}section.trust ul{margin:.2rem 0;padding-left:1.2rem}
button.copy{font-size:.75rem;padding:0 .35rem;margin-left:.2rem}
.note{color:#6e4100}
a.pdf{font-size:.9rem;font-weight:400;margin-left:.6rem}
div.wide{overflow-x:auto;max-width:100%;position:relative}
table.docs,table.list{border-collapse:collapse;margin:.5rem 0 1rem;background:#fff}
table.docs th,table.docs td,table.list th,table.list td{border:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top;font-size:.9rem}
table.list th a{color:inherit}table.list th[aria-sort] a{font-weight:700}
.viewer h2{font-size:1.1rem;margin:1.2rem 0 .4rem}
.viewbar{position:sticky;top:0;z-index:2;background:#f6f6f4}
.toolbar{display:none;background:#fff;border:1px solid #ccc;padding:.35rem .5rem;flex-wrap:wrap;gap:.4rem;align-items:center}
.js .toolbar{display:flex}.toolbar button{font-size:.9rem;padding:.25rem .6rem}.toolbar .zoom{display:flex;gap:.2rem}
.toolbar button[aria-pressed=true]{background:#8b1a1a;color:#fff;border-color:#8b1a1a}
#pos{min-width:6rem;text-align:center;font-weight:600}
.thumbs ol{display:flex;gap:.5rem;overflow-x:auto;list-style:none;padding:.3rem;margin:0}
.thumbs a{display:block;text-align:center;font-size:.8rem;color:#1b1b1b;text-decoration:none}
.thumbs img{display:block;border:1px solid #bbb;background:#fff}.thumbs a[aria-current=true] img{outline:3px solid #8b1a1a}
.page{display:flex;gap:1rem;margin:1rem 0;align-items:flex-start;background:#fff;padding:.8rem;border:1px solid #ddd;scroll-margin-top:8.5rem}
.scanbox{flex:0 0 55%;min-width:0}.scan{position:relative}
.scan img{width:100%;height:auto;display:block;border:1px solid #ccc}
.scan svg{position:absolute;left:0;top:0;width:100%;height:100%;pointer-events:none}
.scan rect.hit{fill:rgba(255,200,0,.12);stroke:#d40000;stroke-width:1.5px;vector-effect:non-scaling-stroke}
.viewer:not([data-zoom=fit]) .page{flex-direction:column}
.viewer:not([data-zoom=fit]) .scanbox{flex:none;width:100%;overflow:auto;max-height:85vh}
.viewer:not([data-zoom=fit]) .scan img{width:100%}
.ocr{flex:1;min-width:0;white-space:pre-wrap;font-size:.9rem;line-height:1.5;max-height:80vh;overflow:auto;position:relative;overflow-wrap:anywhere}
.ocr h3{white-space:normal;font-size:.95rem;margin:0 0 .4rem}
section.page.unread{display:block;background:#fde8e8;border:2px dashed #b33}
.print-head{display:none}
section.error{background:#fff;border:1px solid #ddd;border-left:.4rem solid #8b1a1a;padding:.3rem 1.2rem;margin:1rem 0}
table.docs{min-width:44rem}table.list{min-width:40rem}
@media (max-width:800px){.viewbar{position:static}.page{scroll-margin-top:0}.page{flex-direction:column}.scanbox{flex:none;width:100%}.ocr{max-height:60vh}}
@media (max-width:700px){main{padding:.6rem}.layout{flex-direction:column;gap:.3rem}.facets{min-width:0;background:#fff;border:1px solid #ddd;padding:.2rem .6rem}
.facets summary{display:list-item;cursor:pointer;font-weight:600;padding:.2rem 0}
h1{font-size:1.3rem}header.top form{margin-left:0;max-width:none}
table.people{min-width:0;width:100%}.people thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
table.people tr,table.people th,table.people td{display:block;border:0}.people tr{border:1px solid #ddd;margin-bottom:.5rem;padding:.3rem .5rem}
.people td{padding:.1rem 0}.people td::before{content:attr(data-label) ": ";color:#444}}
@media print{
header.top,.skip,.toolbar,.thumbs,form,#back,.pager,button,.facets,a.pdf,.print-ocr,svg{display:none!important}
body{background:#fff}main{max-width:none;padding:0}
.viewer h2{display:none}
section.page{display:block;border:0;padding:0;margin:0;break-before:page}
.print-head{display:block;font-size:10pt;margin:0 0 3mm}
.scanbox{overflow:visible!important;max-height:none!important}.scan{width:auto!important}
.scan img{width:auto!important;height:auto;max-width:100%;max-height:255mm;border:0}
.ocr{display:none}.print-ocr-on .ocr{display:block;break-before:page;max-height:none;overflow:visible}
}
"#;

/// The page's behaviour, kept small and with no outside file (the page
/// works offline): the viewer (previous/next, "Trang x/n" following the
/// scroll, thumbnails, zoom by buttons and the + and − keys, the full-size
/// scan fetched on zoom), the OCR panel scrolled to its first highlight,
/// the first highlighted page brought into view, copy buttons, the filter
/// drawer closed on narrow screens, and printing every scan.
pub(super) const SCRIPT: &str = r#"
(function(){
document.documentElement.classList.add('js');
var facets=document.querySelector('details.facets');
if(facets&&window.matchMedia('(max-width:700px)').matches){facets.open=false;}
document.querySelectorAll('button.copy').forEach(function(b){
  b.addEventListener('click',function(){
    var t=b.getAttribute('data-copy'),old=b.textContent;
    function done(){b.textContent='Đã chép';setTimeout(function(){b.textContent=old;},1500);}
    function legacy(){var a=document.createElement('textarea');a.value=t;document.body.appendChild(a);a.select();
      try{document.execCommand('copy');}catch(e){}document.body.removeChild(a);done();}
    if(navigator.clipboard&&window.isSecureContext){navigator.clipboard.writeText(t).then(done,legacy);}else{legacy();}
  });
});
document.querySelectorAll('.ocr').forEach(function(o){
  var m=o.querySelector('mark');if(m){o.scrollTop=Math.max(0,m.offsetTop-o.clientHeight/3);}
});
var viewer=document.getElementById('viewer');if(!viewer){return;}
var pages=[].slice.call(viewer.querySelectorAll('section.page[id^="trang-"]'));
var thumbs=[].slice.call(viewer.querySelectorAll('.thumbs a'));
var pos=document.getElementById('pos'),cur=0;
function show(i){cur=Math.max(0,Math.min(pages.length-1,i));
  if(pos){pos.textContent='Trang '+(cur+1)+'/'+pages.length;}
  thumbs.forEach(function(t,k){t.setAttribute('aria-current',k===cur?'true':'false');});}
function go(i){show(i);if(pages[cur]){pages[cur].scrollIntoView({block:'start'});
  history.replaceState(history.state,'','#'+pages[cur].id);}}
var prev=document.getElementById('prev'),next=document.getElementById('next');
if(prev){prev.addEventListener('click',function(){go(cur-1);});}
if(next){next.addEventListener('click',function(){go(cur+1);});}
thumbs.forEach(function(t,k){t.addEventListener('click',function(e){e.preventDefault();go(k);});});
if('IntersectionObserver' in window){
  var seen=new Map();
  var io=new IntersectionObserver(function(es){
    es.forEach(function(e){seen.set(e.target,e.intersectionRatio);});
    var best=-1,bi=cur;pages.forEach(function(p,k){var r=seen.get(p)||0;if(r>best){best=r;bi=k;}});
    if(best>0){show(bi);}
  },{threshold:[0,.25,.5,.75,1]});
  pages.forEach(function(p){io.observe(p);});
}
var zooms=['fit','1','2'];
function zoom(z){viewer.setAttribute('data-zoom',z);
  viewer.querySelectorAll('.zoom button').forEach(function(b){b.setAttribute('aria-pressed',b.getAttribute('data-zoom')===z?'true':'false');});
  pages.forEach(function(p){var img=p.querySelector('.scan img'),scan=p.querySelector('.scan');
    if(z==='fit'){scan.style.width='';return;}
    if(img.getAttribute('data-full')&&img.src.indexOf('&w=')>0){img.src=img.getAttribute('data-full');}
    scan.style.width=(img.getAttribute('width')*z)+'px';});
  if(pages[cur]){pages[cur].scrollIntoView({block:'start'});}}
viewer.querySelectorAll('.zoom button').forEach(function(b){b.addEventListener('click',function(){zoom(b.getAttribute('data-zoom'));});});
document.addEventListener('keydown',function(e){
  var t=e.target.tagName;if(t==='INPUT'||t==='TEXTAREA'||t==='SELECT'||e.ctrlKey||e.metaKey||e.altKey){return;}
  var k=zooms.indexOf(viewer.getAttribute('data-zoom'));
  if(e.key==='+'||e.key==='='){zoom(zooms[Math.min(2,k+1)]);e.preventDefault();}
  else if(e.key==='-'||e.key==='−'){zoom(zooms[Math.max(0,k-1)]);e.preventDefault();}
  else if(e.key==='ArrowRight'){go(cur+1);e.preventDefault();}
  else if(e.key==='ArrowLeft'){go(cur-1);e.preventDefault();}
});
var po=document.getElementById('print-ocr');
if(po){po.addEventListener('change',function(){document.body.classList.toggle('print-ocr-on',po.checked);});}
var pr=document.getElementById('print');
if(pr){pr.addEventListener('click',function(){
  var imgs=[].slice.call(viewer.querySelectorAll('.scan img'));
  var left=imgs.length;function one(){if(--left<=0){window.print();}}
  if(!left){window.print();return;}
  imgs.forEach(function(i){i.loading='eager';if(i.complete&&i.naturalWidth){one();}else{i.addEventListener('load',one);i.addEventListener('error',one);}});
});}
var first=document.querySelector('rect.hit');
if(first&&!location.hash){go(pages.indexOf(first.closest('section.page')));}
else{var h=pages.findIndex(function(p){return '#'+p.id===location.hash;});if(h>=0){show(h);}}
})();
"#;

/// The site icon: the red header colour with "SH", as SVG.
pub(super) const FAVICON: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#8b1a1a"/><text x="16" y="22" font-family="sans-serif" font-size="15" font-weight="700" fill="#fff" text-anchor="middle">SH</text></svg>"##;
