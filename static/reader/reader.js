/* Reader site enhancements. Every page works without this file. It adds
   swiping between page images, keyboard navigation, sharper images on pinch
   zoom, copy-link and native share buttons, and offline reading. */
(function () {
  "use strict";

  function format(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (match, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : match;
    });
  }

  function isTyping(element) {
    return element && (element.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(element.tagName));
  }

  /* Page images: a horizontal scroller with CSS scroll snap, so swiping and
     pinch zoom are the browser's own. */
  function setUpReplica(replica) {
    var scroller = replica.querySelector("[data-replica-pages]");
    var slides = Array.prototype.slice.call(replica.querySelectorAll("[data-page]"));
    if (!scroller || slides.length === 0) {
      return;
    }
    var heading = document.querySelector("[data-page-heading]");
    var counter = replica.querySelector("[data-counter]");
    var pagePdf = document.querySelector("[data-page-pdf]");
    var steps = replica.querySelectorAll("[data-step]");
    var current = Number(replica.getAttribute("data-current")) || 1;
    var count = slides.length;
    var baseTitle = document.title.split(" · ").slice(-2).join(" · ");

    function slideFor(number) {
      return slides[number - 1];
    }

    function loadImage(slide) {
      var placeholder = slide && slide.querySelector(".replica-placeholder");
      if (!placeholder) {
        return;
      }
      var picture = document.createElement("picture");
      var source = document.createElement("source");
      source.type = "image/webp";
      source.srcset = placeholder.getAttribute("data-srcset");
      source.sizes = "(min-width: 64rem) 44rem, 100vw";
      var image = document.createElement("img");
      image.src = placeholder.getAttribute("data-src");
      image.alt = placeholder.getAttribute("data-alt");
      image.decoding = "async";
      picture.appendChild(source);
      picture.appendChild(image);
      placeholder.replaceWith(picture);
    }

    function show(number, how) {
      var slide = slideFor(number);
      if (!slide) {
        return;
      }
      scroller.scrollTo({ left: slide.offsetLeft - scroller.offsetLeft, behavior: how || "smooth" });
    }

    function select(number) {
      if (number === current || !slideFor(number)) {
        return;
      }
      current = number;
      var slide = slideFor(number);
      loadImage(slide);
      loadImage(slideFor(number + 1));

      var title = slide.getAttribute("data-title");
      var label = format(replica.getAttribute("data-page-label"), { number: number, title: title });
      if (heading) {
        heading.textContent = label;
      }
      if (counter) {
        counter.textContent = format(replica.getAttribute("data-counter-label"), { number: number, count: count });
      }
      if (pagePdf && slide.getAttribute("data-pdf-url")) {
        pagePdf.href = slide.getAttribute("data-pdf-url");
        pagePdf.textContent = format(replica.getAttribute("data-pdf-label"), { number: number, size: slide.getAttribute("data-pdf-size") });
      }

      document.title = number > 1 ? label + " · " + baseTitle : baseTitle;
      if (window.history && history.replaceState) {
        history.replaceState(null, "", slide.getAttribute("data-url"));
      }

      document.querySelectorAll("[data-stories-for]").forEach(function (list) {
        list.hidden = list.getAttribute("data-stories-for") !== String(number);
      });
      document.querySelectorAll(".page-strip [data-goto-page]").forEach(function (link) {
        if (link.getAttribute("data-goto-page") === String(number)) {
          link.setAttribute("aria-current", "page");
        } else {
          link.removeAttribute("aria-current");
        }
      });
      steps.forEach(function (step) {
        var target = number + Number(step.getAttribute("data-step"));
        step.classList.toggle("is-disabled", target < 1 || target > count);
        var targetSlide = slideFor(target);
        if (targetSlide) {
          step.href = targetSlide.getAttribute("data-url");
        }
      });
    }

    replica.classList.add("is-enhanced");
    show(current, "instant");

    /* The next page image loads once the reader starts moving through the
       pages, not before: many read only the front page or go straight to a
       story, and on slow mobile data every image counts. */
    var warmed = false;
    function warmNeighbours() {
      if (!warmed) {
        warmed = true;
        loadImage(slideFor(current + 1));
        loadImage(slideFor(current - 1));
      }
    }
    ["pointerdown", "touchstart", "wheel", "keydown"].forEach(function (type) {
      scroller.addEventListener(type, warmNeighbours, { passive: true, once: true });
    });

    if ("IntersectionObserver" in window) {
      var observer = new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) {
          if (entry.isIntersecting && entry.intersectionRatio >= 0.6) {
            select(Number(entry.target.getAttribute("data-page")));
          }
        });
      }, { root: scroller, threshold: [0.6] });
      slides.forEach(function (slide) { observer.observe(slide); });
    }

    steps.forEach(function (step) {
      step.addEventListener("click", function (event) {
        var target = current + Number(step.getAttribute("data-step"));
        if (slideFor(target)) {
          event.preventDefault();
          show(target);
        }
      });
    });
    document.querySelectorAll("[data-goto-page]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        var target = Number(link.getAttribute("data-goto-page"));
        if (slideFor(target)) {
          event.preventDefault();
          show(target);
          replica.scrollIntoView({ block: "start", behavior: "smooth" });
        }
      });
    });
    document.addEventListener("keydown", function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target)) {
        return;
      }
      if (event.key === "ArrowRight" || event.key === "ArrowLeft") {
        var target = current + (event.key === "ArrowRight" ? 1 : -1);
        event.preventDefault();
        warmNeighbours();
        if (slideFor(target)) {
          show(target);
        }
      }
    });

    /* The browser's pinch zoom enlarges the page image it already has; when
       the reader zooms in, ask for a wider image from the srcset. */
    if (window.visualViewport) {
      window.visualViewport.addEventListener("resize", function () {
        var scale = window.visualViewport.scale;
        if (scale > 1.3) {
          var sources = scroller.querySelectorAll(".is-current source, [data-page='" + current + "'] source");
          sources.forEach(function (source) {
            source.sizes = Math.ceil(scale * 100) + "vw";
          });
        }
      });
    }
  }

  function setUpPageStrip(strip) {
    var later = Array.prototype.slice.call(strip.querySelectorAll("img[data-src]"));
    function load(image) {
      image.src = image.getAttribute("data-src");
      image.removeAttribute("data-src");
    }
    if (!("IntersectionObserver" in window)) {
      later.forEach(load);
      return;
    }
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) {
          observer.unobserve(entry.target);
          load(entry.target);
        }
      });
    }, { root: strip.querySelector("ol"), rootMargin: "0px 120px" });
    later.forEach(function (image) { observer.observe(image); });
  }

  function setUpShare(section) {
    var status = section.querySelector(".share-status");
    var copy = section.querySelector("[data-copy-url]");
    var native = section.querySelector("[data-share-url]");
    if (copy && navigator.clipboard && window.isSecureContext) {
      copy.hidden = false;
      copy.addEventListener("click", function () {
        navigator.clipboard.writeText(copy.getAttribute("data-copy-url")).then(function () {
          status.textContent = status.getAttribute("data-copied-message");
        }, function () {
          status.textContent = status.getAttribute("data-copy-failed-message");
        });
      });
    }
    if (native && navigator.share) {
      native.hidden = false;
      native.addEventListener("click", function () {
        navigator.share({ title: native.getAttribute("data-share-title"), url: native.getAttribute("data-share-url") })
          .catch(function () { /* The reader closed the share sheet. */ });
      });
    }
  }

  function setUpOffline() {
    if (!("serviceWorker" in navigator)) {
      return;
    }
    window.addEventListener("load", function () {
      navigator.serviceWorker.register("/sw.js", { scope: "/" }).then(function () {
        var main = document.querySelector("[data-offline-files]");
        if (!main) {
          return null;
        }
        return navigator.serviceWorker.ready.then(function (registration) {
          var connection = navigator.connection || {};
          registration.active.postMessage({
            type: "save-edition",
            url: main.getAttribute("data-offline-files"),
            saveData: Boolean(connection.saveData)
          });
        });
      }).catch(function () { /* Offline reading is an extra; the site works without it. */ });
    });
  }

  document.querySelectorAll("[data-replica]").forEach(setUpReplica);
  document.querySelectorAll(".page-strip").forEach(setUpPageStrip);
  document.querySelectorAll(".share").forEach(setUpShare);
  setUpOffline();
})();
