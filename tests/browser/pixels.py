"""What an image shows, decoded by the browser's own PNG decoder: its size and its colours, commonest first."""

from __future__ import annotations

import base64

from playwright.sync_api import Page

# Every `step`th pixel counted: a full-page screenshot has millions.
COLOURS = """
async ({png, step}) => {
  const blob = await (await fetch(`data:image/png;base64,${png}`)).blob();
  const bitmap = await createImageBitmap(blob);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext("2d");
  context.drawImage(bitmap, 0, 0);
  const data = context.getImageData(0, 0, bitmap.width, bitmap.height).data;
  const counts = new Map();
  for (let i = 0; i < data.length; i += 4 * step) {
    const key = `${data[i]},${data[i + 1]},${data[i + 2]}`;
    counts.set(key, (counts.get(key) || 0) + 1);
  }
  const colours = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  return {
    width: bitmap.width,
    height: bitmap.height,
    colours: colours.map(([key]) => key.split(",").map(Number)),
  };
}
"""


def image_colours(page: Page, png: bytes, step: int = 1) -> dict:
    """The PNG's `width`, `height` and `colours` (each [r, g, b], the commonest first)."""
    return page.evaluate(COLOURS, {"png": base64.b64encode(png).decode(), "step": step})
