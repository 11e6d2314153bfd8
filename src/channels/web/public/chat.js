// The web chat page: sends questions to POST /api/chat and shows the replies. Every piece of
// text goes in through textContent, never innerHTML, so catalogue or user text cannot inject
// markup. Replies land in a role="log" region that screen readers announce.
'use strict';

(() => {
  const log = document.getElementById('log');
  const form = document.getElementById('ask');
  const input = document.getElementById('question');
  const status = document.getElementById('status');
  const submit = form.querySelector('button[type="submit"]');
  const SESSION_KEY = 'motcua.sessionId';
  let sessionId = readSession();
  let busy = false;

  function readSession() {
    try {
      return sessionStorage.getItem(SESSION_KEY) || undefined;
    } catch {
      return undefined;
    }
  }

  function saveSession(id) {
    sessionId = id;
    try {
      sessionStorage.setItem(SESSION_KEY, id);
    } catch {
      // Private mode: the session lasts as long as the page.
    }
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /** A paragraph whose line breaks stay visible, built from text nodes only. */
  function paragraph(text) {
    const p = el('p');
    text.split('\n').forEach((line, index) => {
      if (index > 0) p.appendChild(document.createElement('br'));
      p.appendChild(document.createTextNode(line));
    });
    return p;
  }

  function isWebLink(url) {
    try {
      const parsed = new URL(url, window.location.href);
      return parsed.protocol === 'https:' || parsed.protocol === 'http:';
    } catch {
      return false;
    }
  }

  // The question bar is fixed at the bottom; its height (one or two lines of hint, the
  // on-screen keyboard's safe area) feeds the page's scroll padding, see chat.css.
  function trackBarHeight() {
    document.documentElement.style.setProperty('--bar', `${form.offsetHeight}px`);
  }
  trackBarHeight();
  if (typeof ResizeObserver === 'function') new ResizeObserver(trackBarHeight).observe(form);
  else window.addEventListener('resize', trackBarHeight);

  function scrollToEnd(node) {
    node.scrollIntoView({ block: 'nearest' });
  }

  /** One plain-text message in the log, with a heading only screen readers announce. */
  function addText(className, heading, text) {
    const article = el('article', className);
    article.appendChild(el('h2', 'visually-hidden', heading));
    article.appendChild(paragraph(text));
    log.appendChild(article);
    scrollToEnd(article);
    return article;
  }

  function addUser(text) {
    addText('msg user', 'Bạn hỏi', text);
  }

  function addNotice(text) {
    return addText('msg bot error', 'Thông báo', text);
  }

  function addReply(reply) {
    const article = el('article', 'msg bot');
    article.tabIndex = -1;
    article.appendChild(el('h2', 'visually-hidden', 'Trợ lý trả lời'));
    (reply.blocks || []).forEach((block) => {
      if (block.type === 'heading') article.appendChild(el('h3', null, block.text));
      else if (block.type === 'list') {
        const list = el('ul');
        (block.items || []).forEach((item) => {
          list.appendChild(el('li', null, item));
        });
        article.appendChild(list);
      } else article.appendChild(paragraph(String(block.text || '')));
    });
    const links = (reply.links || []).filter((link) => isWebLink(link.url));
    if (links.length > 0) {
      const list = el('ul', 'links');
      links.forEach((link) => {
        const a = el('a', null, link.label);
        a.href = link.url;
        a.target = '_blank';
        a.rel = 'noopener noreferrer';
        const item = el('li');
        item.appendChild(a);
        list.appendChild(item);
      });
      article.appendChild(list);
    }
    if ((reply.buttons || []).length > 0) {
      const group = el('div', 'choices');
      group.setAttribute('role', 'group');
      group.setAttribute('aria-label', 'Chọn tiếp');
      reply.buttons.forEach((button) => {
        const b = el('button', null, button.label);
        b.type = 'button';
        b.dataset.payload = button.payload;
        group.appendChild(b);
      });
      article.appendChild(group);
    }
    log.appendChild(article);
    scrollToEnd(article);
    return article;
  }

  function setBusy(on) {
    busy = on;
    log.setAttribute('aria-busy', on ? 'true' : 'false');
    submit.disabled = on;
    status.textContent = on ? 'Đang trả lời…' : '';
  }

  /**
   * Sends one message; `focusReply` moves focus to the answer (used after a button press).
   * Resolves true when the answer came, false when it did not (refused, or no connection).
   */
  async function send(body, focusReply) {
    if (busy) return false;
    setBusy(true);
    let shown;
    let answered = false;
    try {
      const response = await fetch('/api/chat', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(Object.assign({}, body, sessionId ? { sessionId: sessionId } : {})),
      });
      const data = await response.json().catch(() => null);
      if (response.ok && data?.reply) {
        saveSession(data.sessionId);
        shown = addReply(data.reply);
        answered = true;
      } else if ((response.status === 429 || response.status === 503) && data && typeof data.message === 'string') {
        shown = addNotice(data.message);
      } else if (response.status === 400) {
        shown = addNotice('Câu hỏi chưa gửi được: hãy gõ câu ngắn hơn 2.000 ký tự.');
      } else {
        shown = addNotice('Xin lỗi, hệ thống đang bận. Bạn thử lại sau ít phút nhé.');
      }
    } catch {
      shown = addNotice('Không kết nối được máy chủ. Bạn kiểm tra mạng rồi thử lại nhé.');
    } finally {
      setBusy(false);
    }
    if (focusReply && shown) {
      shown.tabIndex = -1;
      shown.focus();
    } else input.focus();
    return answered;
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (text === '') {
      status.textContent = 'Bạn hãy gõ câu hỏi trước khi gửi.';
      input.focus();
      return;
    }
    if (busy) return;
    input.value = '';
    addUser(text);
    // Not answered: the question goes back in the box, so a long one need not be typed again.
    send({ text: text }, false).then((answered) => {
      if (!answered && input.value === '') input.value = text;
    });
  });

  // One listener for every button in the log, old replies included.
  log.addEventListener('click', (event) => {
    const button = event.target.closest('button');
    if (!button || busy) return;
    const label = button.textContent || '';
    addUser(label);
    if (button.dataset.payload) send({ text: '', payload: button.dataset.payload }, true);
    else if (button.dataset.text) send({ text: button.dataset.text }, true);
  });

  // /?p=1.001193 opens that procedure (the listings' QR codes link here).
  const code = new URLSearchParams(window.location.search).get('p');
  if (code && /^\d\.\d{6}$/.test(code)) send({ text: '', payload: `p:${code}` }, false);
})();
