# Shortcuts for the scripts the README documents.
.PHONY: demo test eval bench-samples

demo:
	bash scripts/demo.sh

test:
	bash scripts/test.sh

# Character error rate, field recall and query ranks on samples/ (after `make demo`).
eval:
	target/release/sohoa eval --truth samples/truth --index index

# Pages/s of a fresh ingest of samples/ with 1 job and with 2.
bench-samples:
	bash scripts/bench-samples.sh
