"""The Hinge Course's build tools: one package, one command (`python -m hinge`).

ARCHITECTURE.md maps the modules; `hinge.pipeline` lists the build steps once.
"""
