"""The governance server (``secplan serve``): a REST API and server-rendered pages over the
same library, and in multi-user mode the one process that holds the database credentials and
the keys. Its modules import the web stack (FastAPI, uvicorn), installed with the ``server``
extra; nothing here is imported by the rest of the command line."""
