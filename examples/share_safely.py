"""Prepare posts for sharing: redact the people named in them, pseudonymize every account and
id with a secret key, coarsen the places, keep only what the recipient needs, then check the
result before it leaves your hands.

With no argument it prepares the bundled sample (a fictional department whose captions name
children, as real ones do) and writes it to a temporary file. Or give the JSON Lines file to
write. The key comes from the ENGAGEKIT_KEY environment variable (hex); without it a fixed
demonstration key is used, which is fine for the sample and never for real data:

    ENGAGEKIT_KEY=$(python -c "import secrets; print(secrets.token_hex(32))") \\
        python examples/share_safely.py [shared.jsonl]
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import attrs

import engagekit as ek
from engagekit.datasets import load_sample, sample_exports
from engagekit.privacy import name_spans

DEMO_KEY = b"engagekit-demo-key, never for real data"
NAMESPACE = "maple-harbor-sample-2025"  # one per study: pseudonyms of two studies do not link


def prepare(posts: list[ek.Post], roster: ek.Roster, key: bytes) -> list[ek.Post]:
    # 1. Redact first: it needs the real handles to know which accounts are the department's
    #    and the officers' (kept) and which are people's (replaced by [name 1], [name 2] ...).
    redacted = ek.redact(posts, roster=roster)
    # 2. Pseudonymize: handles, account ids, post ids, URLs and officers' names become keyed
    #    pseudonyms, the same for the same key and namespace in every run.
    pseudonymous = ek.pseudonymize(redacted, key=key, namespace=NAMESPACE)
    # 3. Coarsen places to a 1 km grid, without street addresses.
    coarse = ek.coarsen(pseudonymous, km=1.0)
    # 4. Keep only what the recipient needs (data minimisation). ``extra`` holds raw fields of
    #    each export; redaction covered its free text (Facebook's photo descriptions repeat the
    #    caption), but a recipient rarely needs any of it.
    return [attrs.evolve(post, extra={}) for post in coarse]


def main(argv: list[str]) -> int:
    key = bytes.fromhex(os.environ["ENGAGEKIT_KEY"]) if "ENGAGEKIT_KEY" in os.environ else DEMO_KEY
    roster = ek.Roster.load(sample_exports()["roster"])
    posts = load_sample()
    flagged = [p for p in posts if ek.flags(p)]
    names = {span.text for p in flagged for span in name_spans(p.text, lang=p.lang)}
    shared = prepare(posts, roster, key)

    with tempfile.TemporaryDirectory() as scratch:
        out = Path(argv[1]) if len(argv) > 1 else Path(scratch) / "shared.jsonl"
        ek.write_jsonl(shared, out)
        written = out.read_text(encoding="utf-8")
    # Check the file, not the intentions: no flagged name, account handle, exact point or
    # street address left in it
    handles = {p.author.handle for p in posts if p.author}
    points = {f"{c.latitude:.6f}" for p in posts if p.location and (c := p.location.coordinates)}
    leaks = sorted(n for n in names | handles | points if n.casefold() in written.casefold())
    addresses = sum(1 for p in shared if p.location and p.location.address)

    before, after = next((p, s) for p, s in zip(posts, shared, strict=True)
                         if "media_and_name" in ek.flags(p) and p.location)
    print(f"{len(posts)} posts, {len(flagged)} flagged as naming people "
          f"({sum('media_and_name' in ek.flags(p) for p in posts)} of them with a photo)")
    print(f"\nbefore: {before.author.handle if before.author else '?'}: {before.text}")
    print(f"        at {before.location.name if before.location else '-'}")
    print(f"after:  {after.author.handle if after.author else '?'}: {after.text}")
    print(f"        at {after.location.name if after.location else '-'}")
    print(f"\nwrote {len(shared)} posts to {out.name}")
    print(f"names, handles, points or addresses left in the file: {len(leaks) + addresses}"
          + (f" ({', '.join(leaks)})" if leaks else ""))
    return 1 if leaks or addresses else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
