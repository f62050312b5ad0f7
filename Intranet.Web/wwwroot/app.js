// Small helpers the pages call through JS interop.
window.intranet = {
  // Goes back when there is somewhere to go back to; tells the caller otherwise.
  back: () => {
    if (window.history.length > 1) {
      window.history.back();
      return true;
    }
    return false;
  },

  // Whether the page is as narrow as a phone, where the menu lies over the page (app.css) and closes once used.
  isNarrow: () => window.matchMedia('(max-width: 768px)').matches,

  // The part of the address after '#', which the browser never sends to the server (a display device's secret).
  fragment: () => window.location.hash.replace(/^#/, ''),
};
