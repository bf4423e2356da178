"""Python-Markdown extensions that render what readers see (pictures, testimonials).

They are plain Markdown extensions, not MkDocs hooks, so they keep working under Zensical.
"""
