/**
 * The timeline's hover text: the element under the pointer that carries a `data-tip` (a stop or
 * street mark, a bar, an office's arrival, sorting or release) has its text shown at once beside
 * the pointer, instead of the browser's native title, which appears only after a delay and not
 * at all on some systems. Runs in the page, after the timeline's SVG.
 */
export const TIMELINE_SCRIPT = `(() => {
'use strict';
const tip = document.getElementById('timeline-tip');
if (!tip) return;
let shown = null;
function hide() {
  if (shown === null) return;
  shown = null;
  tip.hidden = true;
  delete document.body.dataset.timelineTip;
}
function update(e) {
  const el = e.target instanceof Element ? e.target.closest('svg.timeline [data-tip]') : null;
  if (!el) { hide(); return; }
  if (el !== shown) {
    shown = el;
    tip.textContent = el.dataset.tip;
    tip.hidden = false;
    document.body.dataset.timelineTip = el.dataset.tip;
  }
  // Beside the pointer, kept inside the window.
  const w = tip.offsetWidth;
  const h = tip.offsetHeight;
  const x = e.clientX + 14 + w > window.innerWidth ? e.clientX - 10 - w : e.clientX + 14;
  const y = e.clientY + 16 + h > window.innerHeight ? e.clientY - 10 - h : e.clientY + 16;
  tip.style.left = Math.max(0, x) + 'px';
  tip.style.top = Math.max(0, y) + 'px';
}
document.addEventListener('pointerover', update);
document.addEventListener('pointermove', update);
// Leaving the window hides it. (Not on scroll: a scroll event can arrive after the pointer has
// already entered the mark it scrolled to; the browser's own move after a scroll updates it.)
document.addEventListener('pointerout', (e) => { if (e.relatedTarget === null) hide(); });
document.addEventListener('keydown', (e) => { if (e.key === 'Escape') hide(); });
})();`;
