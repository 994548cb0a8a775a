"""Scale: ingest on more than one machine. The only package that imports Dask."""
