// The search page: finds the words typed in the site's Pagefind index and lists the posts.
// Every word it shows comes from the page (the form's data-* attributes), so templates can
// translate them; without this script the page links to the tags and the archive.
const form = document.querySelector("form.search-form[data-pagefind]");
if (form) {
  start(form);
}

async function start(form) {
  const words = form.dataset;
  const input = form.querySelector("input[name=q]");
  const status = document.getElementById("search-status");
  const results = document.getElementById("search-results");
  const fallback = document.getElementById("search-fallback");
  let pagefind;
  try {
    pagefind = await import(new URL(words.pagefind, document.baseURI).href);
    // Results are site paths; the site may live under a path of its server (/blog/).
    await pagefind.options({ baseUrl: words.base });
    await pagefind.init();
  } catch {
    status.textContent = words.unavailable;
    return;
  }
  fallback.hidden = true;
  let latest = 0;

  async function run(query, immediate) {
    const ticket = ++latest;
    const asked = query.trim();
    if (!asked) {
      results.replaceChildren();
      status.textContent = "";
      return;
    }
    let search;
    let found;
    try {
      search = immediate
        ? await pagefind.search(asked)
        : await pagefind.debouncedSearch(asked, {}, 250);
      if (search === null || ticket !== latest) {
        return; // a newer query is on its way
      }
      found = await Promise.all(search.results.slice(0, 20).map((result) => result.data()));
    } catch {
      // The index's files did not load, or the server's policy forbids WebAssembly.
      status.textContent = words.unavailable;
      fallback.hidden = false;
      return;
    }
    if (ticket !== latest) {
      return;
    }
    results.replaceChildren(...found.map(listed));
    status.textContent = said(search.results.length, asked);
  }

  function said(count, query) {
    const pattern =
      count === 0 ? words.foundNone : count === 1 ? words.foundOne : words.foundMany;
    return pattern.replace("{count}", String(count)).replace("{query}", query);
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const address = new URL(location.href);
    address.searchParams.set("q", input.value);
    history.replaceState(null, "", address);
    run(input.value, true);
  });
  input.addEventListener("input", () => run(input.value, false));
  const asked = new URLSearchParams(location.search).get("q");
  if (asked) {
    input.value = asked;
    run(asked, true);
  }
}

// One result: its title as a link, and the excerpt with the words found marked.
function listed(page) {
  const item = document.createElement("li");
  const link = document.createElement("a");
  link.href = page.url;
  link.textContent = (page.meta && page.meta.title) || page.url;
  const excerpt = document.createElement("p");
  excerpt.className = "search-excerpt";
  excerpt.append(...marked(page.excerpt));
  item.append(link, excerpt);
  return item;
}

// Pagefind's excerpt is HTML with <mark> around the words found: keep the text and the marks,
// nothing else. A <template>'s content is inert: nothing in it loads or runs.
function marked(html) {
  const template = document.createElement("template");
  template.innerHTML = html;
  return Array.from(template.content.childNodes, (node) => {
    if (node.nodeName !== "MARK") {
      return document.createTextNode(node.textContent);
    }
    const mark = document.createElement("mark");
    mark.textContent = node.textContent;
    return mark;
  });
}
