#!/bin/bash
ray start --head --dashboard-host=127.0.0.1 --include-dashboard=true
