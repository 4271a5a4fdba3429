// Never let puppeteer download a browser: tests use the system Chromium (/usr/bin/chromium).
module.exports = { skipDownload: true };
