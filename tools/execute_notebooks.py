"""Execute the book's notebooks into the build's execution cache, two at a time.

The book build (myst-nb, `execute_notebooks: cache`) then finds every notebook
already executed and only renders. It executes serially itself, so this halves a
clean build on two cores. A notebook that fails here is not cached; the build
then runs it again and reports the failure with its traceback.
"""

import sys
from pathlib import Path

import yaml
from jupyter_cache import get_cache
from jupyter_cache.executors import load_executor

ROOT = Path(__file__).resolve().parents[1]


def toc_notebooks() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [c["file"] for part in toc["parts"] for c in part.get("chapters") or []]
    return [str(ROOT / f"{f}.ipynb") for f in files if (ROOT / f"{f}.ipynb").exists()]


def main() -> int:
    config = yaml.safe_load((ROOT / "_config.yml").read_text())["execute"]
    cache = get_cache(ROOT / config["cache"])
    wanted = set(toc_notebooks())
    for record in cache.list_project_records():
        if record.uri not in wanted:
            cache.remove_nb_from_project(record.pk)
    for path in sorted(wanted):
        cache.add_nb_to_project(path)
    result = load_executor("local-parallel", cache=cache).run_and_cache(
        timeout=config["timeout"]
    )
    failed = result.excepted + result.errored
    print(
        f"notebooks: {len(result.succeeded)} executed, "
        f"{len(wanted) - len(result.all())} already cached, {len(failed)} failed"
        + (" (the build runs these again and reports why)" if failed else "")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
