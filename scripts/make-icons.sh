#!/usr/bin/env bash
# Rasterises public/icon.svg into the favicon and app icons the web manifest and the
# pages name (ffmpeg with librsvg, as Debian ships it). Run after editing icon.svg.
set -euo pipefail
cd "$(dirname "$0")/../public"
png() { ffmpeg -hide_banner -loglevel error -y -i icon.svg -vf "scale=$1:$1" -frames:v 1 "$2"; }
png 192 icon-192.png
png 512 icon-512.png
png 180 apple-touch-icon.png
png 48 favicon-48.png
ffmpeg -hide_banner -loglevel error -y -i favicon-48.png -frames:v 1 favicon.ico
rm favicon-48.png
