#!/usr/bin/env bash
# Start JupyterLab on the shared research server.
source /opt/conda/bin/activate intent-research
jupyter lab --ip=0.0.0.0 --port=8888 --no-browser --NotebookApp.token='' --allow-root
