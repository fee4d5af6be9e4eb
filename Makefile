# Shortcuts for the scripts the README documents.
.PHONY: demo test eval eval-scans bench bench-samples bench-search bench-pdf bench-web bench-load deb

demo:
	bash scripts/demo.sh

test:
	bash scripts/test.sh

# Character error rate, field recall and query ranks on samples/ (after `make demo`).
eval:
	target/release/sohoa eval --truth samples/truth --index index

# Scan quality: sohoa and plain Tesseract on the degraded set, page by page.
eval-scans:
	target/release/sohoa eval samples/degraded

# Ingest throughput and memory vs a sequential tesseract loop (and OCRmyPDF if
# installed), unchanged re-runs and reindex, also at 100,000 pages (hard links
# and copied records under target/bench-ingest/, about 2 GB).
bench:
	cargo build --release --locked
	cargo bench --locked --bench ingest

# Pages/s of a fresh ingest of samples/ with 1 job and with 2.
bench-samples:
	bash scripts/bench-samples.sh

# Search at 100k and 1M synthetic pages: build time and size, latency p50/p99
# and correct answers over 1,000 queries, sohoa vs SQLite FTS5 (needs sqlite3;
# corpus and indexes under target/bench-search/, about 4 GB at 1M pages).
bench-search:
	cargo bench --locked --bench search -- --pages 100000
	cargo bench --locked --bench search -- --pages 1000000

# Searchable PDFs from the same pages (samples/ with a true text): OCRmyPDF
# (img2pdf + ocrmypdf --output-type pdfa --rotate-pages --deskew) vs sohoa
# ingest + export --pdf: s/page, bytes/page, text-layer CER, qpdf --check.
# Needs ocrmypdf and img2pdf (pip) and ghostscript; run by hand, not in CI.
# Work files under target/bench-pdf/.
bench-pdf:
	cargo build --release --locked
	python3 benches/pdf_peer.py

# Latency of the web page's HTML screens on the samples index (after
# `make demo`): p50/p99 per screen and over all; fails above 50 ms p99.
bench-web:
	cargo build --release --locked
	bash scripts/bench-web.sh index 200

TARGET_DIR ?= $(or $(CARGO_TARGET_DIR),target)

# 50 concurrent sessions (search, dossier page, page image) for 60 s against
# `sohoa serve` on loopback while `sohoa watch` ingests copies of sample
# dossiers into the same index: requests, errors, p50/p99 per kind, server
# RSS at start, middle and end. Fails on any error. Work files under
# $(TARGET_DIR)/bench-load/.
bench-load:
	cargo build --release --locked
	bash scripts/bench-load.sh 60 50

# The Debian package sohoa_<version>_amd64.deb in this folder (needs
# `cargo install cargo-deb --locked`): the release binary, its man pages and
# completions generated from it, the systemd units and config of debian/.
# CI packages the binary its tests built instead (scripts/ci-package.sh).
deb:
	cargo build --release --locked
	rm -rf debian/generated
	$(TARGET_DIR)/release/sohoa generate man --out debian/generated/man
	$(TARGET_DIR)/release/sohoa generate completions --out debian/generated/completions
	cargo deb --no-build --locked --strip --output .
