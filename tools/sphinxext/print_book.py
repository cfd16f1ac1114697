"""Sphinx extension: the PDF leaves out the code that HTML folds behind a toggle."""

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform


class DropHiddenInput(SphinxPostTransform):
    """A cell tagged hide-input (or hide-cell) only draws a figure or builds a table:
    in HTML its source sits behind a "show code" toggle; on paper the figure or table
    stands alone. HTML is left to myst-nb, which draws the toggle."""

    default_priority = 199
    formats = ("latex",)

    def run(self, **kwargs):
        for cell in list(self.document.findall(nodes.container)):
            if cell.get("nb_element") != "cell_code":
                continue
            if cell.get("hide_mode") not in ("input", "input+output", "all"):
                continue
            for child in list(cell.children):
                if child.get("nb_element") == "cell_code_source":
                    cell.remove(child)


def setup(app):
    app.add_post_transform(DropHiddenInput)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
