#!/usr/bin/env bash
# Start JupyterLab on the GPU box for the team.
source /opt/conda/bin/activate ml
nohup jupyter lab --no-browser --ip 0.0.0.0 --NotebookApp.token='' --NotebookApp.password='' > lab.log 2>&1 &

# personal instance, loopback, random token printed in the log
jupyter lab --no-browser --port 8890
