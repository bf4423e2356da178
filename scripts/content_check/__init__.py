"""The content checker's rules, one module per concern; `project.check_project` runs them all.

`scripts/check_content.py` is the command line; `scripts/new_page.py` reuses `schema`.
"""
