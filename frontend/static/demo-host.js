// The demo host page's listener (a file, as the origin's Content-Security-Policy allows no inline script).
document.addEventListener("gz-credit-select", (e) => {
  document.getElementById("log").textContent = `gz-credit-select: ${e.detail.code} ${e.detail.name}`;
});
