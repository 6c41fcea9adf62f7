"""Run the `jupyter-book` command, without a 2.3-second import that the book never uses.

jupyter-book imports jsonschema, and jsonschema, when the optional package
rfc3987-syntax is installed (JupyterLab's jupyter-events asks for it), imports
it to validate IRIs; rfc3987-syntax compiles a Lark grammar at import time.
Profiled on a 2-core machine, that was 2.3 s of a 2.6 s no-change rebuild and
of every clean build (`make benchmark` prints the build times). The book's
configuration holds no IRI to validate, so the build runs with that module
marked as absent: jsonschema then skips the "iri" format check, as it does
whenever rfc3987-syntax is not installed.

    python tools/build_book.py build . --warningiserror ...   (the arguments of `jupyter-book`)
"""

import sys

sys.modules["rfc3987_syntax"] = None  # `import rfc3987_syntax` now raises ImportError, which jsonschema expects

from jupyter_book.cli.main import main  # noqa: E402

if __name__ == "__main__":
    sys.argv[0] = "jupyter-book"
    main()
