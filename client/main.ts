/**
 * The docs shell: theme, menu, page actions, code copy buttons, search, and the
 * sidebar's current page after htmx navigations. Search code and the example
 * workbench load only when used, so ordinary pages stay small.
 */
import "./styles/base.css";
import "./styles/layout.css";
import "./styles/prose.css";
import "./styles/components.css";
import "./styles/recording.css";
import { setUpCopyButtons } from "./copy-code.ts";
import { setUpMenu } from "./menu.ts";
import { setUpNavigation } from "./navigation.ts";
import { setUpPageActions } from "./page-actions.ts";
import { setUpSearchShortcuts } from "./search/shortcuts.ts";
import { setUpThemeToggle } from "./theme.ts";
import { loadWorkbench } from "./workbench-loader.ts";

setUpThemeToggle();
setUpMenu();
setUpCopyButtons();
setUpPageActions();
setUpSearchShortcuts();
setUpNavigation();
loadWorkbench();
