"""Command line: `python -m tools import [--force]`, `python -m tools check`, `python -m tools typography`,
`python -m tools diff [BASE]`, `python -m tools search-index [SITE]`."""

from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

from .core.errors import SourceError
from .importer.pipeline import load_curated, run_import
from .importer.write import MANIFEST, WriteError, WriteReport, write_files

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "source" / "challenge-1928-29.txt"
RESOLVE = ("make {name} read as you want it where the importer's new output differs: take the importer's words "
           "and import again (it then merges cleanly); to keep your words, make them the importer's (an entry in "
           "tools/data/errata.yaml, with the evidence); or import with --force to take the importer's output and "
           "drop your edit")


def import_book(args: argparse.Namespace) -> int:
    try:
        result = run_import(Path(args.source), load_curated())
    except SourceError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if not result.words.ok:
        print(result.words.summary())
        print("error: words differ without a rule; nothing written", file=sys.stderr)
        return 1
    print(result.files["reports/import.txt"].split("\nCorrections")[0])
    print("\n".join(result.files["reports/cross-references.txt"].split("\n")[:4]))
    print("full reports: reports/import.txt (every correction), reports/cross-references.txt")
    try:
        report = write_files(Path(args.root), result.files, force=args.force)
    except WriteError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if report.recovered:
        print(f"note: {report.recovered}", file=sys.stderr)
    print_changes(report)
    for name in report.kept:
        print(f"kept {name}: edited by hand; the importer's output for it has not changed")
    for name, conflict in report.conflicts.items():
        print(f"conflict {name}: your edit and the importer's new output change the same words; "
              f"nothing written for it:\n{conflict}\n  -> {RESOLVE.format(name=name)}", file=sys.stderr)
    for name in report.protected:
        print(f"skipped {name}: edited since the importer wrote it, and the output it was edited from is "
              "neither committed nor kept in .import-base, so the edit cannot be merged: merge by hand, "
              "or use --force to overwrite it", file=sys.stderr)
    for name in report.stale:
        print(f"stale {name}: the importer no longer produces it (remove it, or use --force)", file=sys.stderr)
    for name in report.stale_edited:
        print(f"stale {name}: the importer no longer produces it, and it was edited since the importer "
              "wrote it: left in place (remove it by hand if it is not wanted)", file=sys.stderr)
    return 1 if report.protected or report.conflicts or report.stale or report.stale_edited else 0


def print_changes(report: WriteReport) -> None:
    """Each file the run wrote or removed, and what to commit."""
    for verb, names in (("wrote", report.written), ("wrote (the base of your edit's next merge)", report.bases_written),
                        ("removed (no longer produced)", report.removed),
                        ("removed (no longer needed)", report.bases_removed)):
        for name in names:
            print(f"{verb} {name}")
    for name in report.merged:
        print(f"merged {name}: your edit and the importer's new output (see git diff {name})")
    if report.manifest_updated:
        print(f"updated {MANIFEST} (what the importer last wrote)")
    print(f"{len(report.written)} written, {len(report.merged)} merged, {len(report.unchanged)} unchanged, "
          f"{len(report.removed)} removed")
    if report.changed:
        print("commit these with the data files you changed: git add " + " ".join(report.changed))
    else:
        print("nothing changed on disk: nothing to commit")


def check_book(args: argparse.Namespace) -> int:
    # imported here: the checker loads Sphinx and MyST, which the importer does not need
    from .check import check
    from .core.markdown import CheckError

    try:
        files, findings = check(Path(args.root))
    except CheckError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for finding in findings:
        print(finding)
    print(f"checked {len(files)} files: {len(findings) or 'no'} finding{'' if len(findings) == 1 else 's'}")
    return 1 if findings else 0


def check_typography(args: argparse.Namespace) -> int:
    from .check.typography import check_paths

    missing = [path for path in args.paths if not Path(path).exists()]
    if missing:
        print(f"error: nothing to check at {', '.join(missing)}: build the book first (make book)", file=sys.stderr)
        return 2
    findings = check_paths([Path(path) for path in args.paths])
    for finding in findings:
        print(finding)
    print(f"checked the typography of {', '.join(args.paths)}: {len(findings) or 'no'} findings")
    return 1 if findings else 0


def index_search(args: argparse.Namespace) -> int:
    # imported here: the search module loads Sphinx, which the other commands need not
    from .edition.finding.search import index_site

    problem = index_site(Path(args.site))
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    return 0


def diff_book(args: argparse.Namespace) -> int:
    # imported here: the review loads MyST and runs git, which the other commands do not need
    from .diff.git import GitError, resolve_base
    from .diff.report import render
    from .diff.review import Reviewer

    root = Path(args.root)
    if not (root / "conf.py").is_file():
        print(f"error: {root}: no conf.py here (run the diff in the project, or give --root the project)",
              file=sys.stderr)
        return 2
    try:
        review = Reviewer(root).review(resolve_base(root, args.base))
    except GitError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(render(review), end="")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools")
    commands = parser.add_subparsers(dest="command", required=True)
    importer = commands.add_parser("import", help="source text -> chapters/ and glossary/")
    importer.add_argument("--source", default=str(SOURCE), help="the book's text")
    importer.add_argument("--root", default=str(ROOT), help="where to write (the project)")
    importer.add_argument("--force", action="store_true", help="overwrite files edited by hand")
    importer.set_defaults(run=import_book)
    checker = commands.add_parser("check", help="lint the book's Markdown (codes: CONTRIBUTING.md)")
    checker.add_argument("--root", default=str(ROOT), help="the project to check")
    checker.set_defaults(run=check_book)
    typography = commands.add_parser("typography", help="check the built book's typography (codes TY001-TY004)")
    typography.add_argument("paths", nargs="+", help="built EPUB or HTML folders, .tex files")
    typography.set_defaults(run=check_typography)
    differ = commands.add_parser("diff", help="what the changes since BASE change for readers (Markdown)")
    differ.add_argument("base", nargs="?", help="the commit to compare with (default: the merge base with main)")
    differ.add_argument("--root", default=str(ROOT), help="the project (a git work tree)")
    differ.set_defaults(run=diff_book)
    searcher = commands.add_parser("search-index", help="index the built site for its search page (Pagefind)")
    searcher.add_argument("site", nargs="?", default=str(ROOT / "_build" / "html"), help="the built site")
    searcher.set_defaults(run=index_search)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        print("interrupted: the tree is as it was, or the next import completes what this one began",
              file=sys.stderr)
        return 130
    except Exception as error:  # a case no check foresaw: still a message, not a traceback
        where = traceback.extract_tb(error.__traceback__)[-1]
        print(f"error: unexpected {type(error).__name__}: {error}\n"
              f"  (at {Path(where.filename).name}:{where.lineno}, in {where.name})\n"
              "  -> this is a bug in the tool, not in your files: please report it with the command you ran; "
              "nothing was written unless a message above says so", file=sys.stderr)
        return 70


if __name__ == "__main__":
    sys.exit(main())
