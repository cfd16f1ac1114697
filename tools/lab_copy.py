"""Keep a working copy of the chapters for JupyterLab, so Lab never edits chapters/.

Usage: python tools/lab_copy.py SOURCE_DIR COPY_DIR   (make lab: chapters _build/lab)

Lab autosaves what the reader runs and types; the stored outputs in chapters/ are
regression tests, so Lab works on copies. A notebook is copied when its copy is
missing, and copied again when the chapter changed since. A copy the reader has
changed (run, edited, saved) is never overwritten silently: it stays as it is
until the chapter itself changes, and then it is moved to COPY_DIR/edited/ under
a dated name, the fresh chapter takes its place, and the script says so.
"""

import hashlib
import json
import shutil
import sys
import time
from pathlib import Path

MANIFEST = ".copied.json"  # name -> digests of the chapter and the copy made from it


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def sync(source: Path, copy: Path) -> list[str]:
    """Bring ``copy`` up to date with the notebooks of ``source``; say what moved."""
    copy.mkdir(parents=True, exist_ok=True)
    manifest_path = copy / MANIFEST
    manifest = json.loads(manifest_path.read_text()) if manifest_path.exists() else {}
    said = []
    for chapter in sorted(source.glob("*.ipynb")):
        target = copy / chapter.name
        made = manifest.get(chapter.name, {})
        chapter_digest = digest(chapter)
        if target.exists():
            if made.get("chapter") == chapter_digest:
                continue  # the chapter has not changed: the copy stays, edits and all
            if made.get("copy") != digest(target):
                kept = (
                    copy / "edited" / f"{chapter.stem}-{time.strftime('%Y%m%d-%H%M%S')}"
                )
                kept = kept.with_suffix(".ipynb")
                kept.parent.mkdir(exist_ok=True)
                shutil.move(target, kept)
                said.append(
                    f"{chapter.name} changed in {source}; your copy, which you had "
                    f"changed, is now {kept}"
                )
        shutil.copyfile(chapter, target)
        manifest[chapter.name] = {"chapter": chapter_digest, "copy": digest(target)}
    manifest_path.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    return said


def main(argv: list[str]) -> int:
    source, copy = map(Path, argv)
    for line in sync(source, copy):
        print(line)
    print(f"JupyterLab opens the working copies in {copy}/ (chapters/ stays as it is)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
