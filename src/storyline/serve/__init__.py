"""`storyline serve`: the dossier's views as a local web app and JSON API, read from the store.

`create_app(DIR)` builds the FastAPI app over `DIR/storyline.duckdb`; `run(DIR)` serves it with
uvicorn on 127.0.0.1. See docs/serve.md.
"""

from storyline.serve.app import create_app, run

__all__ = ["create_app", "run"]
