#!/usr/bin/env bash
# Laptop: loopback only, token auth on.
jupyter lab --ip=127.0.0.1 --port=8888 --no-browser
