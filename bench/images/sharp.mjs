// The same job as scripts/process_images.py, done by sharp (libvips), for bench/images/run.py.
// Usage: node sharp.mjs job.json — job: {output, concurrency, images: [{src, stem, widths, profile}]}
// Settings map one to one onto Pillow's (checked in libvips' heifsave.c and webpsave.c):
// - AVIF: libvips passes libheif speed = 9 - effort, which libheif's aom plugin uses as
//   libaom cpu-used, as Pillow's `speed` is for libavif; same quality, same chroma subsampling.
// - WebP: effort is libwebp's method (Pillow: method=4); lossless uses quality as its effort.
// - JPEG: libjpeg-turbo defaults (no mozjpeg trellis), Huffman optimisation, progressive, 4:2:0.
// - PNG: zlib level 6; adaptive row filters only where ours uses them (profile.png_filter).
import { readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";

const job = JSON.parse(readFileSync(process.argv[2], "utf-8"));

async function one({ src, stem, widths, profile }) {
  const out = path.join(job.output, stem);
  await mkdir(path.dirname(out), { recursive: true });
  const base = sharp(src).rotate(); // Apply EXIF orientation; metadata is dropped by default.
  const writes = [];
  for (const width of widths) {
    const resized = base.clone().resize({ width, withoutEnlargement: true });
    writes.push(
      resized.clone().avif({
        quality: profile.avif_quality,
        effort: 9 - profile.avif_speed,
        chromaSubsampling: profile.avif_subsampling,
      }).toFile(`${out}-${width}.avif`),
      resized.clone().webp({
        quality: profile.webp_quality, lossless: profile.webp_lossless, effort: 4,
      }).toFile(`${out}-${width}.webp`),
      profile.fallback === "jpeg"
        ? resized.clone().jpeg({ quality: profile.jpeg_quality, progressive: true }).toFile(`${out}-${width}.jpg`)
        : resized.clone().png({
          compressionLevel: 6, adaptiveFiltering: profile.png_filter,
        }).toFile(`${out}-${width}.png`),
    );
  }
  await Promise.all(writes);
}

const queue = [...job.images];
await Promise.all(
  Array.from({ length: job.concurrency }, async () => {
    while (queue.length) await one(queue.shift());
  }),
);
