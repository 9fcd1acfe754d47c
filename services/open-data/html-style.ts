/**
 * The open-data page's style sheet, inline so the page needs nothing else (and no script at all).
 * Colours keep WCAG 2.2 contrast: body text #0b0c0c on white is 19.6:1, links #1d4f91 7.8:1, the
 * RAG words #a4111f (Red) 7.1:1, #7a4a00 (Amber) 7.5:1 and #0b6b2e (Green) 6.6:1 — all over the
 * 4.5:1 of SC 1.4.3, and the RAG is a word and a shape as well (SC 1.4.1). Below 40rem (a phone, or
 * 320 CSS px at 400% zoom: SC 1.4.10 Reflow) each target's row becomes a block with every cell
 * labelled, rather than a table to scroll sideways; the table's roles are set in the markup, so
 * screen readers keep it a table whatever the display.
 */
export const OPEN_DATA_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{font-family:Arial,Helvetica,sans-serif;font-size:100%;line-height:1.5;color:#0b0c0c;background:#fff}
body{margin:0}
a{color:#1d4f91;text-decoration:underline;text-underline-offset:.15em}
a:visited{color:#4c2c92}
a:focus-visible,main:focus-visible{outline:3px solid #0b0c0c;outline-offset:2px;background:#ffdd00;color:#0b0c0c}
.skip{position:absolute;left:.5rem;top:-10rem;padding:.5rem 1rem;background:#ffdd00;color:#0b0c0c;z-index:1}
.skip:focus{top:.5rem}
header.top{background:#0b0c0c;color:#fff;padding:.75rem 1rem}
header.top p{margin:0;font-weight:bold}
header.top .sub{font-weight:normal}
main,footer{max-width:80rem;margin:0 auto;padding:1rem}
main:focus{outline:none}
h1{font-size:2rem;line-height:1.2;margin:.5rem 0 1rem}
h2{font-size:1.5rem;line-height:1.25;margin:2rem 0 .75rem}
p,li,dd,dt{overflow-wrap:anywhere}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0 0 1rem}
dl.facts dt{font-weight:bold}
dl.facts dd{margin:0}
.key li{margin-bottom:.25rem}
table{border-collapse:collapse;width:100%;margin:0 0 1.5rem}
caption{text-align:left;font-weight:bold;font-size:1.1rem;padding:.5rem 0}
th,td{text-align:left;vertical-align:top;padding:.5rem;border-bottom:1px solid #b1b4b6;overflow-wrap:break-word}
thead th{border-bottom:2px solid #0b0c0c}
th.priority{background:#f3f2f1;font-size:1.05rem}
.code{font-weight:bold;white-space:nowrap}
.small{display:block;font-size:.9rem;color:#484949;margin-top:.25rem}
.rag{font-weight:bold;white-space:nowrap}
.rag-red{color:#a4111f}
.rag-amber{color:#7a4a00}
.rag-green{color:#0b6b2e}
.none{color:#484949}
footer{border-top:1px solid #b1b4b6;color:#484949}
@media (max-width:40rem){
  h1{font-size:1.6rem}
  h2{font-size:1.3rem}
  dl.facts{grid-template-columns:1fr}
  dl.facts dd{margin-bottom:.5rem}
  table,tbody,tr,th,td,caption{display:block;width:100%}
  thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
  tr{border-bottom:2px solid #b1b4b6;padding:.25rem 0}
  th,td{border:0;padding:.25rem 0}
  td[data-label]::before{content:attr(data-label) ": ";font-weight:bold}
  th.priority{padding:.5rem}
}
`;
