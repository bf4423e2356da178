"""Responsive images for the site: settings, encoding, scheduling, incremental planning and
the manifest.

`scripts/hinge/process_images.py` is the command line over this package; the Markdown extension
`site_markdown.pictures` reads the manifest it writes. Pillow is imported only by `encode` and
`parallel`, so a run with nothing to do stays fast.
"""
