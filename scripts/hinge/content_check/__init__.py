"""The content checker's rules, one module per concern; `project.check_project` runs them all.

`scripts/hinge/check_content.py` is the command line; `scripts/hinge/new_page.py` reuses `schema`.
"""
