#!/bin/sh
# How the sample files in this folder were made (ffmpeg 7 with libx264, libvpx, libopus, libmp3lame,
# libwebp; run by hand, the sandbox only reads the results). All are synthetic test patterns.
set -e
Q="-hide_banner -loglevel error -y"
ffmpeg $Q -f lavfi -i "sine=frequency=330:duration=4,volume='0.2+0.8*abs(sin(t*3))':eval=frame" -c:a libopus -b:a 12k -ac 1 voice.ogg
ffmpeg $Q -f lavfi -i "sine=frequency=523:duration=4" -c:a libmp3lame -b:a 16k -ac 1 -ar 22050 -map_metadata -1 song.mp3
ffmpeg $Q -f lavfi -i "testsrc2=size=320x180:rate=12:duration=2" -c:v libx264 -preset veryslow -crf 38 -pix_fmt yuv420p -profile:v baseline -movflags +faststart -an video.mp4
ffmpeg $Q -f lavfi -i "testsrc2=size=240x240:rate=12:duration=2" -c:v libx264 -preset veryslow -crf 38 -pix_fmt yuv420p -profile:v baseline -movflags +faststart -an round.mp4
ffmpeg $Q -f lavfi -i "mandelbrot=size=200x150:rate=10,trim=duration=2" -c:v libx264 -preset veryslow -crf 36 -pix_fmt yuv420p -profile:v baseline -movflags +faststart -an gif.mp4
for n in video round gif; do ffmpeg $Q -i $n.mp4 -frames:v 1 -q:v 12 ${n}_thumb.jpg; done
ffmpeg $Q -f lavfi -i "color=c=black:s=256x256,format=rgba,geq=r='200':g='120+X/4':b='60':a='if(lt(hypot(X-128,Y-128),110),255,0)'" -frames:v 1 -c:v libwebp -quality 60 sticker.webp
ffmpeg $Q -f lavfi -i "color=c=black:s=256x256:r=15:d=2,format=rgba,geq=r='80+60*sin(T*3)':g='160':b='220':a='if(lt(hypot(X-128,Y-128),60+40*abs(sin(T*2))),255,0)'" -c:v libvpx-vp9 -pix_fmt yuva420p -b:v 60k -auto-alt-ref 0 -an sticker.webm
ffmpeg $Q -f lavfi -i "color=c=black:s=128x128,format=rgba,geq=r='250':g='200':b='40':a='if(lt(hypot(X-64,Y-64),50),255,0)'" -frames:v 1 -c:v libwebp -quality 60 tgs_thumb.webp
