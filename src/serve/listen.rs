//! The accept loop of `sohoa serve`: plain HTTP or HTTPS (rustls), with
//! the timeouts and the connection cap `axum::serve` does not have.
//!
//! A socket that sends its request head one byte a second (slowloris), or
//! opens and says nothing, or stays idle after an answer, would otherwise
//! hold a task and a file descriptor for ever. hyper's HTTP/1 connection
//! times the head from the moment it is ready for a request until the head
//! is in (`header_read_timeout`), which closes all three; a TLS handshake
//! gets the same time. At most `max_connections` are served at once (the
//! rest wait in the kernel's backlog), and a connection that has lived
//! [`LIFETIME`] is asked to finish its answer and close, so a client that
//! reads an answer ever so slowly cannot keep its place either.

use super::*;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio_rustls::rustls;
use tokio_rustls::TlsAcceptor;

/// How long one connection is served before it is asked to close after
/// its current answer (browsers open a new one without the user noticing).
const LIFETIME: Duration = Duration::from_secs(300);
/// How long an answer in progress then has to finish.
const GRACE: Duration = Duration::from_secs(60);

/// The limits of the accept loop.
#[derive(Debug, Clone, Copy)]
pub(super) struct Limits {
    pub header_timeout: Duration,
    pub max_connections: usize,
}

/// The TLS acceptor for a PEM certificate chain and private key (PKCS#8,
/// PKCS#1 or SEC1), HTTP/1.1 by ALPN, rustls with the `ring` provider.
pub(super) fn tls_acceptor(cert: &Path, key: &Path) -> Result<TlsAcceptor> {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};
    let bad = |path: &Path, reason: String| {
        Error::Usage(format!(
            "TLS file {}: {reason} (--tls-cert takes the PEM certificate chain, \
             --tls-key its PEM private key)",
            path.display()
        ))
    };
    let read = |path: &Path| std::fs::read(path).map_err(|e| Error::io(path, e));
    let cert_pem = read(cert)?;
    let key_pem = read(key)?;
    let certs = CertificateDer::pem_slice_iter(&cert_pem)
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|e| bad(cert, e.to_string()))?;
    if certs.is_empty() {
        return Err(bad(cert, "no CERTIFICATE block".into()));
    }
    let key_der = PrivateKeyDer::from_pem_slice(&key_pem).map_err(|e| bad(key, e.to_string()))?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| bad(cert, e.to_string()))?
        .with_no_client_auth()
        .with_single_cert(certs, key_der)
        .map_err(|e| bad(key, format!("does not go with the certificate: {e}")))?;
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(TlsAcceptor::from(Arc::new(config)))
}

/// Accept connections on `listener` for ever, each served by `app`.
pub(super) async fn run(
    listener: tokio::net::TcpListener,
    app: Router,
    tls: Option<TlsAcceptor>,
    limits: Limits,
) -> Result<()> {
    let permits = Arc::new(tokio::sync::Semaphore::new(limits.max_connections.max(1)));
    loop {
        let Ok(permit) = Arc::clone(&permits).acquire_owned().await else {
            return Ok(());
        };
        let (stream, peer) = match listener.accept().await {
            Ok(accepted) => accepted,
            Err(e) => {
                // Out of file descriptors and the like: pass, then try again
                // (ending the server over one failed accept would be worse).
                eprintln!("sohoa: accept: {e}");
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        // The peer's address for the handlers and the audit log, as
        // `into_make_service_with_connect_info` would give it.
        let app = app
            .clone()
            .layer(axum::Extension(axum::extract::ConnectInfo(peer)));
        let tls = tls.clone();
        tokio::spawn(async move {
            let _permit = permit;
            match tls {
                None => connection(stream, app, limits).await,
                Some(acceptor) => {
                    let handshake =
                        tokio::time::timeout(limits.header_timeout, acceptor.accept(stream)).await;
                    if let Ok(Ok(stream)) = handshake {
                        connection(stream, app, limits).await;
                    }
                }
            }
        });
    }
}

/// One HTTP/1.1 connection, keep-alive, until the client closes it, a
/// head takes longer than the timeout, or its lifetime is over.
async fn connection<IO>(io: IO, app: Router, limits: Limits)
where
    IO: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let conn = hyper::server::conn::http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .keep_alive(true)
        .serve_connection(TokioIo::new(io), TowerToHyperService::new(app));
    let mut conn = std::pin::pin!(conn);
    tokio::select! {
        _ = conn.as_mut() => return,
        _ = tokio::time::sleep(LIFETIME) => {}
    }
    conn.as_mut().graceful_shutdown();
    let _ = tokio::time::timeout(GRACE, conn).await;
}
