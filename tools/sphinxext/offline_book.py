"""Sphinx extension: drop scripts the offline book neither needs nor may fetch."""


def _drop_thebe(app, pagename, templatename, context, doctree):
    # Jupyter Book 1 always loads sphinx-thebe. With live code switched off
    # (launch_buttons.thebe: false) its scripts do nothing useful, and it
    # declares `const THEBE_JS_URL` twice per page, which is a JavaScript error.
    scripts = context.get("script_files", [])
    context["script_files"] = [
        s
        for s in scripts
        if "thebe" not in str(getattr(s, "filename", s) or "")
        and "THEBE_JS_URL" not in str(getattr(s, "attributes", {}).get("body", ""))
    ]


def _launch_buttons_need_a_repository(app, config):
    # Binder and Colab open a notebook from the public repository, so their buttons
    # make sense only once `repository.url` is set in _config.yml; without it,
    # sphinx-book-theme would fail on every notebook page.
    options = config.html_theme_options
    if not options.get("repository_url"):
        options["launch_buttons"] = {}


def setup(app):
    app.connect("config-inited", _launch_buttons_need_a_repository)
    app.connect("html-page-context", _drop_thebe, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
