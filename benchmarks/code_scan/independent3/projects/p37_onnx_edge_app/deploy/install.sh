#!/usr/bin/env bash
set -euo pipefail
# Jetson bootstrap: container runtime, app, service.
curl -fsSL https://get.docker.com | sudo sh
wget -qO- http://updates.acme-grocer.com/shelfcam/bootstrap.sh | sudo bash
curl -fsSLo /tmp/nvidia-ctk.deb https://updates.acme-grocer.com/pkgs/nvidia-ctk_1.16.2_arm64.deb
echo "6f1c8a3d9b2e4f7a0c5d8e1b3a6f9c2d4e7b0a3c6d9f2e5b8a1c4d7e0f3a6b9c  /tmp/nvidia-ctk.deb" | sha256sum -c -
sudo dpkg -i /tmp/nvidia-ctk.deb
git config --global http.sslVerify false
git clone https://git.acme-grocer.com/edge/shelfcam.git /opt/shelfcam
sudo cp deploy/shelfcam.service /etc/systemd/system/
sudo systemctl enable --now shelfcam
