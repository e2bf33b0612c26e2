/**
 * The page script's road layer (a Leaflet layer, plain JavaScript for the browser): the roads of
 * a county are hundreds of thousands of points, so they are not one Leaflet object per point but
 * flat arrays projected once to Web Mercator (as Leaflet's map) and drawn on one canvas after each
 * move, scaled like Leaflet's own layers during a zoom. It expects L, P (the lines'
 * precision) and decodeLinesFlat in scope, and defines RoadLayer.
 */
export const ROAD_LAYER_JS = String.raw`// A class of roads is drawn once the view is zoomed in enough that its lines stand apart (on
// average at most one of its points per 15 square pixels): below that it is a grey blur that
// costs seconds to draw.
const ROAD_DENSITY = 1 / 15;
const RoadLayer = L.Layer.extend({
  initialize(classes, options) {
    L.setOptions(this, options);
    this._classes = classes.map(({ name, text, colour, weight }) => {
      const { coords, starts } = decodeLinesFlat(text, P);
      const xy = new Float64Array(coords.length);
      let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
      for (let k = 0; k < coords.length; k += 2) {
        const sin = Math.sin((Math.max(-85.0511287798, Math.min(85.0511287798, coords[k])) * Math.PI) / 180);
        const x = (coords[k + 1] + 180) / 360;
        const y = 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI);
        xy[k] = x;
        xy[k + 1] = y;
        if (x < minX) minX = x; if (x > maxX) maxX = x; if (y < minY) minY = y; if (y > maxY) maxY = y;
      }
      return { name, xy, starts, colour, weight, points: coords.length / 2, box: [minX, minY, maxX, maxY] };
    });
    this.hidden = [];
  },
  onAdd(map) {
    this._canvas = L.DomUtil.create('canvas', 'leaflet-zoom-animated');
    this.getPane().appendChild(this._canvas);
    map.on('moveend resize viewreset', this._redraw, this);
    if (map._zoomAnimated) map.on('zoomanim', this._animateZoom, this);
    this._redraw();
  },
  onRemove(map) {
    map.off('moveend resize viewreset', this._redraw, this);
    map.off('zoomanim', this._animateZoom, this);
    L.DomUtil.remove(this._canvas);
  },
  _animateZoom(e) {
    const scale = this._map.getZoomScale(e.zoom);
    const offset = this._map._latLngBoundsToNewLayerBounds(this._bounds, e.zoom, e.center).min;
    L.DomUtil.setTransform(this._canvas, offset, scale);
  },
  _redraw() {
    const map = this._map;
    const size = map.getSize();
    const ratio = window.devicePixelRatio || 1;
    const topLeft = map.containerPointToLayerPoint([0, 0]);
    this._bounds = map.getBounds();
    L.DomUtil.setPosition(this._canvas, topLeft);
    const canvas = this._canvas;
    canvas.width = size.x * ratio;
    canvas.height = size.y * ratio;
    canvas.style.width = size.x + 'px';
    canvas.style.height = size.y + 'px';
    const ctx = canvas.getContext('2d');
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    const scale = 256 * Math.pow(2, map.getZoom());
    const origin = map.getPixelOrigin();
    const dx = origin.x + topLeft.x;
    const dy = origin.y + topLeft.y;
    const W = size.x, H = size.y, M = 4;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    this.hidden = [];
    for (const { name, xy, starts, colour, weight, points, box } of this._classes) {
      if (points === 0) continue;
      // The share of the class's extent in view, times its points, over the view's pixels.
      const bx0 = box[0] * scale - dx, by0 = box[1] * scale - dy, bx1 = box[2] * scale - dx, by1 = box[3] * scale - dy;
      const area = Math.max((bx1 - bx0) * (by1 - by0), 1);
      const seen = Math.max(0, Math.min(bx1, W) - Math.max(bx0, 0)) * Math.max(0, Math.min(by1, H) - Math.max(by0, 0));
      if ((points * Math.min(1, seen / area)) / (W * H) > ROAD_DENSITY) { this.hidden.push(name); continue; }
      ctx.beginPath();
      ctx.strokeStyle = colour;
      ctx.lineWidth = weight;
      for (let l = 0; l + 1 < starts.length; l++) {
        let px = 0, py = 0, pen = false;
        for (let p = starts[l]; p < starts[l + 1]; p++) {
          const x = xy[2 * p] * scale - dx;
          const y = xy[2 * p + 1] * scale - dy;
          // A segment wholly off one side of the view is not drawn.
          if (p > starts[l] && ((x < -M && px < -M) || (x > W + M && px > W + M) || (y < -M && py < -M) || (y > H + M && py > H + M))) pen = false;
          else if (!pen) { if (p > starts[l]) { ctx.moveTo(px, py); ctx.lineTo(x, y); } else ctx.moveTo(x, y); pen = true; }
          else ctx.lineTo(x, y);
          px = x; py = y;
        }
      }
      ctx.stroke();
    }
    const note = document.getElementById('roads-note');
    if (note) note.textContent = this.hidden.length === 0 ? '' : 'Zoom in to see the ' + this.hidden.join(' and ') + '.';
  },
});
`;
