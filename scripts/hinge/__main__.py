"""The one command line: `python -m hinge COMMAND [ARGS]` (`make help` names the common ones).

Each command is a thin `main(argv)` in its own module; `python -m hinge COMMAND --help` tells
its options.
"""

from __future__ import annotations

import importlib
import signal
import sys

COMMANDS = {
    "build": ("hinge.pipeline", "every build step in order: images to site/ (make build)"),
    "images": ("hinge.process_images", "responsive images from images/ into docs/img/"),
    "check": ("hinge.check_content", "check pages, links, nav, ladder, testimonials, people"),
    "cards": ("hinge.social_cards", "draw the sharing card of every page"),
    "css": ("hinge.critical_css", "fill a built site's inline stylesheet: the theme rules it uses"),
    "html-space": ("hinge.html_space", "take the templates' indentation out of a built site"),
    "csp": ("hinge.csp", "add the Content-Security-Policy to a built site"),
    "minify-js": ("hinge.minify_js", "minify our scripts in a built site"),
    "compile-hints": ("hinge.compile_hints", "have the theme's scripts compiled as they download"),
    "robots": ("hinge.robots", "write a built site's robots.txt (the sitemap's address)"),
    "offline": ("hinge.offline", "write the service worker and web app manifest of a built site"),
    "icons": ("hinge.app_icon", "draw the app icons from the logo into images/app/"),
    "links": ("hinge.check_links", "check every link of the built site"),
    "new-page": ("hinge.new_page", "start a page from the schema"),
    "diagrams": ("hinge.diagrams.cli", "draw the exercise diagrams into images/"),
    "testimonials": ("hinge.testimonials", "check data/testimonials.yml"),
    "people": ("hinge.people", "check data/people.yml"),
    "reading-level": ("hinge.reading_level", "the reading grade of every built page"),
    "zensical": ("hinge.check_zensical", "build with Zensical too and compare"),
}


def usage() -> str:
    """The list of commands."""
    width = max(map(len, COMMANDS))
    lines = [f"  {name:<{width}}  {about}" for name, (_, about) in COMMANDS.items()]
    return "usage: python -m hinge COMMAND [ARGS]\n\ncommands:\n" + "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run one command; return its exit code."""
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] in ("-h", "--help"):
        print(usage())
        return 0 if args else 2
    if args[0] not in COMMANDS:
        print(f"error: no command {args[0]!r}\n\n{usage()}", file=sys.stderr)
        return 2
    module = importlib.import_module(COMMANDS[args[0]][0])
    if argv is None:  # as if the module were run alone: its usage line and sys.argv
        sys.argv = [f"python -m hinge {args[0]}", *args[1:]]
        return module.main()
    return module.main(args[1:])


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # Stop as tidily as on Ctrl-C.
    sys.exit(main())
