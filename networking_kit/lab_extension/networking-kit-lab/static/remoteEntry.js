/*
 * networking-kit-lab: the workshop's workbooks in JupyterLab (issue 13).
 *
 * A JupyterLab extension written by hand as plain JavaScript, so it needs no build step,
 * no npm and no network: JupyterLab loads it like any prebuilt extension (a "federated"
 * module: this file sets window._JUPYTERLAB[name] with init() and get()), and takes the
 * notebook API from JupyterLab's own shared modules. `networking-kit start` points Lab at
 * this folder (--LabApp.extra_labextensions_path).
 *
 * For every notebook whose code calls networking_kit.ui (the workbooks), it:
 *   - runs all its cells once the kernel is ready, when the page opens and after every
 *     reload, so the forms come back by themselves, then shows the top of the page;
 *   - keeps it from ever counting as changed: the participant's answers are saved in the
 *     workbook file as they go, so there is nothing to save in the notebook, and closing
 *     it never offers to write outputs (other people's names) into it;
 *   - marks the notebook's node with the class nk-workbook-ran once its cells have run;
 *   - after a Run All (or any run of several cells down to the last), shows the top of
 *     the page again rather than the last cell;
 *   - fits every chart to its box when the box's width changes (the file browser opened
 *     or closed), through the chart's own "responsive" handler.
 */
(function () {
  "use strict";
  const NAME = "networking-kit-lab";
  let sharedScope = null;

  function compareVersions(a, b) {
    const pa = a.split(/[.-]/).map((p) => parseInt(p, 10) || 0);
    const pb = b.split(/[.-]/).map((p) => parseInt(p, 10) || 0);
    for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
      if ((pa[i] || 0) !== (pb[i] || 0)) return (pa[i] || 0) - (pb[i] || 0);
    }
    return 0;
  }

  async function shared(name) {
    const versions = (sharedScope || {})[name];
    if (!versions) throw new Error(`${NAME}: JupyterLab does not share ${name}`);
    const newest = Object.keys(versions).sort(compareVersions).pop();
    const factory = await versions[newest].get();
    return factory();
  }

  function isWorkbook(panel) {
    const cells = panel.content.model ? panel.content.model.sharedModel.cells : [];
    return cells.some((cell) => cell.cell_type === "code" &&
                                String(cell.getSource()).includes("networking_kit.ui"));
  }

  function keepUnchanged(model) {
    const clean = () => { if (model.dirty) model.dirty = false; };
    model.stateChanged.connect((_, change) => {
      if (change.name === "dirty" && change.newValue) Promise.resolve().then(clean);
    });
    clean();
  }

  async function setUp(panel, NotebookActions) {
    await panel.context.ready;
    if (!isWorkbook(panel)) return;
    keepUnchanged(panel.context.model);
    panel.node.classList.add("nk-workbook");
    await panel.sessionContext.ready;
    const session = panel.sessionContext.session;
    if (!session || !session.kernel || panel.isDisposed) return;  // no kernel: the hint stays
    await NotebookActions.runAll(panel.content, panel.sessionContext);
    if (panel.isDisposed) return;
    panel.node.classList.add("nk-workbook-ran");
    showTop(panel);
  }

  function showTop(panel) {
    panel.content.activeCellIndex = 0;
    panel.content.deselectAll();
    panel.content.scrollToItem(0, "start").catch(() => undefined);
  }

  // Charts fit their box: plotly's widget draws a chart once, at the width its box had
  // then, and never again by itself, so with the file browser opened or closed a chart kept
  // its old width and lost its legend. Each chart, once drawn (plotly's widget says so with
  // a "plotlywidget-after-render" event), is redrawn to its box's width whenever that width
  // changes, through the chart's own "responsive" handler (networking_kit/ui/chart_table.py).
  // The same is in the app's page (networking_kit/voila_template).
  const plotOf = new WeakMap();
  const widths = new WeakMap();
  function fit(plot) {
    const box = plot.parentElement;
    if (!box || !plot.isConnected || typeof plot._responsiveChartHandler !== "function") return;
    const width = Math.round(box.getBoundingClientRect().width);
    if (width === 0 || widths.get(plot) === width) return;
    widths.set(plot, width);
    plot._responsiveChartHandler();
  }
  const boxes = new ResizeObserver((entries) => {
    for (const entry of entries) {
      const plot = plotOf.get(entry.target);
      if (plot) fit(plot);
    }
  });
  document.addEventListener("plotlywidget-after-render", (event) => {
    const plot = event.detail && event.detail.element;
    if (!plot || !plot.parentElement) return;
    plotOf.set(plot.parentElement, plot);
    boxes.observe(plot.parentElement);
    fit(plot);
  });

  // How many cells of each workbook were sent to run since its last run finished.
  const scheduled = new WeakMap();

  function followRuns(NotebookActions) {
    NotebookActions.executionScheduled.connect((_, args) => {
      const panel = args.notebook.parent;
      if (panel && panel.node.classList.contains("nk-workbook")) {
        scheduled.set(args.notebook, (scheduled.get(args.notebook) || 0) + 1);
      }
    });
    NotebookActions.selectionExecuted.connect((_, args) => {
      const notebook = args.notebook;
      const count = scheduled.get(notebook) || 0;
      scheduled.delete(notebook);
      const panel = notebook.parent;
      if (!panel || panel.isDisposed || !panel.node.classList.contains("nk-workbook")) return;
      const cells = notebook.widgets;
      if (count > 1 && cells.length && args.lastCell === cells[cells.length - 1]) showTop(panel);
    });
  }

  function plugin(notebook) {
    return {
      id: `${NAME}:workbooks`,
      description: "Runs the workshop's workbooks on open and never marks them changed.",
      autoStart: true,
      requires: [notebook.INotebookTracker],
      activate: (app, tracker) => {
        followRuns(notebook.NotebookActions);
        tracker.widgetAdded.connect((_, panel) => {
          setUp(panel, notebook.NotebookActions).catch((error) => {
            console.warn(`${NAME}: could not prepare ${panel.context.path}`, error);
          });
        });
      },
    };
  }

  window._JUPYTERLAB = window._JUPYTERLAB || {};
  window._JUPYTERLAB[NAME] = {
    init: (scope) => { sharedScope = scope; },
    get: async (module) => {
      if (module !== "./extension") throw new Error(`${NAME} has no module ${module}`);
      const notebook = await shared("@jupyterlab/notebook");
      const extension = { __esModule: true, default: [plugin(notebook)] };
      return () => extension;
    },
  };
})();
