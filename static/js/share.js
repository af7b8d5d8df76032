// "Copy link" on a story: copies the address instead of following it. Without JavaScript the
// link simply opens the story's own address, which the reader can copy from the address bar.
document.addEventListener("click", function (event) {
  var link = event.target.closest("a.copy-link");
  if (!link || !navigator.clipboard) return;
  event.preventDefault();
  navigator.clipboard.writeText(link.href).then(function () {
    (link.querySelector("span") || link).textContent = link.getAttribute("data-copied");
  });
});
