// Drag and drop for the edition composer, with SortableJS doing the
// dragging. Dropping only fills in the form fields every item already has
// (its page, its position, the page's lead choice), so the form posts the
// same fields with or without script.
(function () {
  "use strict";

  function sync(list) {
    const pageId = list.dataset.pageId || "";
    Array.from(list.children).forEach((item, index) => {
      if (!item.classList.contains("composer-item")) return;
      const page = item.querySelector(".js-page");
      if (page) page.value = pageId;
      const position = item.querySelector(".js-position");
      if (position) position.value = String(index);
      const lead = item.querySelector(".js-lead");
      if (lead) {
        lead.disabled = !pageId;
        if (pageId) {
          lead.name = "page-" + pageId + "-lead";
        } else {
          lead.removeAttribute("name");
          lead.checked = false;
        }
      }
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    const form = document.getElementById("composer-form");
    if (!form || !window.Sortable) return;
    const lists = Array.from(form.querySelectorAll(".composer-list"));
    const byPage = new Map(lists.map((list) => [list.dataset.pageId || "", list]));
    form.classList.add("composer-draggable");

    lists.forEach((list) => {
      window.Sortable.create(list, {
        group: "edition-pages",
        handle: ".drag-handle",
        draggable: ".composer-item",
        animation: 150,
        onSort: () => sync(list),
      });
    });

    // Choosing a page in an item's list moves the item there, as a drop would.
    form.addEventListener("change", (event) => {
      const select = event.target;
      if (!select.classList.contains("js-page")) return;
      const item = select.closest(".composer-item");
      const target = byPage.get(select.value);
      const source = item.parentElement;
      if (!target || target === source) return;
      target.appendChild(item);
      sync(source);
      sync(target);
    });
  });
})();
