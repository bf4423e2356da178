"""Link checker for the built site; `scripts/hinge/check_links.py` is its command line.

Modules: `check` (the whole run; settings come from `hinge.settings`), `parse` (HTML),
`internal` (files and fragments), `external` (HTTP), `sources` (Markdown lines), `report`
(output formats).
"""
