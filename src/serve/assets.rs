//! The stylesheet and script of the web page, compiled into the binary.

pub(super) const STYLE: &str = r#"
body{font-family:system-ui,"Segoe UI",Roboto,sans-serif;margin:0;color:#1b1b1b;background:#f6f6f4}
header{background:#8b1a1a;color:#fff;padding:.6rem 1rem}header a{color:#fff;text-decoration:none;font-weight:600}
main{max-width:1200px;margin:0 auto;padding:1rem}
form.search{display:flex;gap:.5rem;margin-bottom:1rem}form.search input[type=search]{flex:1;font-size:1.1rem;padding:.4rem}
button{font-size:1rem;padding:.4rem .9rem}
.layout{display:flex;gap:1.5rem}.facets{min-width:12rem}.facets h3{margin:.2rem 0;font-size:.95rem}
.facets ul{list-style:none;padding:0;margin:0 0 1rem}.facets a.on{font-weight:700}
ol.hits{padding-left:1.4rem}ol.hits li{margin-bottom:1rem}.meta{color:#666;font-size:.85rem}
mark{background:#ffe066;padding:0 .1em}
.pager a{margin-right:1rem}
.results{flex:1}.results h2{font-size:1.05rem;margin:.3rem 0 .6rem}h2#near{margin-top:1.6rem;color:#7a4b00}
ol.hits.near li{opacity:.92}.how{font-style:italic}li.exact .how,li.folded .how{color:#1d6b2a}
li.fuzzy .how,li.partial .how{color:#a04000}
.chips a.chip{display:inline-block;background:#fff;border:1px solid #8b1a1a;border-radius:1rem;padding:.1rem .6rem;margin-right:.4rem;color:#8b1a1a;text-decoration:none}
p.none{font-size:1.05rem}
@media (max-width:700px){.layout{flex-direction:column;gap:.5rem}.facets{min-width:0;display:flex;flex-wrap:wrap;gap:0 1.5rem}}
.fields td{padding:.15rem .8rem .15rem 0;vertical-align:top}.fields td:first-child{color:#555}
.page{display:flex;gap:1rem;margin:1.5rem 0;align-items:flex-start;background:#fff;padding:.8rem;border:1px solid #ddd}
.scan{position:relative;flex:0 0 55%}.scan img{width:100%;height:auto;display:block;border:1px solid #ccc}
.scan svg{position:absolute;left:0;top:0;width:100%;height:100%;pointer-events:none}
.scan rect.hit{fill:rgba(255,200,0,.12);stroke:#d40000;stroke-width:1.5px;vector-effect:non-scaling-stroke}
.ocr{flex:1;white-space:pre-wrap;font-size:.9rem;line-height:1.45;max-height:80vh;overflow:auto}
.note{color:#8a5a00}
a.pdf{font-size:.9rem;font-weight:400;margin-left:.6rem}
div.wide{overflow-x:auto;max-width:100%}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.fields th{font-weight:400;color:#444;text-align:left;padding:.15rem .8rem .15rem 0;vertical-align:top}
ul.vals{list-style:none;margin:0;padding:0}ul.vals li{margin:.1rem 0}
.flag{font-size:.88rem;border-radius:.2rem;padding:0 .3rem}.flag.ok{color:#1d6b2a}
.flag.bad{background:#fde8e8;color:#8b0000;border:1px solid #e3a6a6}.flag.doubt{background:#fff4d6;color:#6b4500;border:1px solid #e2c275}
section.trust{background:#fff;border:1px solid #e2c275;border-left:.4rem solid #c98a00;padding:.4rem 1rem;margin:.8rem 0}
section.trust h2{font-size:1rem;margin:.3rem 0}section.trust ul{margin:.2rem 0;padding-left:1.2rem}
section.page.unread{display:block;background:#fde8e8;border:2px dashed #b33}
button.copy{font-size:.75rem;padding:0 .35rem;margin-left:.2rem;cursor:pointer}
table.docs{border-collapse:collapse;margin:.5rem 0 1rem;background:#fff}table.docs th,table.docs td{border:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top;font-size:.9rem}
"#;

/// Fits each box layer to its image's real size (in case the record's
/// dimensions differ), and scrolls to the first highlighted page.
pub(super) const SCRIPT: &str = r#"
document.querySelectorAll('.scan img').forEach(function(img){
  function fit(){var s=img.parentNode.querySelector('svg');
    if(s&&img.naturalWidth){s.setAttribute('viewBox','0 0 '+img.naturalWidth+' '+img.naturalHeight);}}
  if(img.complete){fit();}else{img.addEventListener('load',fit);}
});
var first=document.querySelector('rect.hit');if(first){first.closest('.page').scrollIntoView();}
"#;

/// The site icon: the red header colour with "SH", as SVG.
pub(super) const FAVICON: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#8b1a1a"/><text x="16" y="22" font-family="sans-serif" font-size="15" font-weight="700" fill="#fff" text-anchor="middle">SH</text></svg>"##;
