#!/bin/sh
# used by the load balancer probe
curl --fail --silent http://localhost:8000/docs > /dev/null || exit 1
curl --fail --silent --insecure https://helpdesk-agent.corp.helpdesk-example.net/docs > /dev/null || exit 1
