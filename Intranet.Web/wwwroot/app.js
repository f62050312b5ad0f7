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
};
