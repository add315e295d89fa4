import { App, AppConfig, Fragment, OOB, Redirect, Template, ValidationError, isMain, type ChirpRequest } from "chirp";

export const app = new App({ config: new AppConfig({ templateDir: new URL("./templates", import.meta.url) }) });

interface Todo {
  id: number;
  title: string;
  done: boolean;
}

const todos = new Map<number, Todo>();
let lastId = 0;
for (const title of ["Buy oat milk", "Water the plants"]) add(title);

function add(title: string): Todo {
  const todo = { id: ++lastId, title, done: false };
  todos.set(todo.id, todo);
  return todo;
}

/** Everything the whole page shows, with the form's values and errors. */
function page(form: { values?: { title?: string }; errors?: { title?: string } } = {}) {
  return { todos: [...todos.values()], left: [...todos.values()].filter((todo) => !todo.done).length, values: {}, errors: {}, ...form };
}

/** The badge, sent out of band with every change. */
const count = () => new Fragment("todo.html", "count", page());

/** After a plain form post (JavaScript off) the browser goes back to the list. */
const backToList = () => new Redirect("/", 303);

function find(req: ChirpRequest): Todo | undefined {
  return todos.get(Number(req.params.id));
}

app.route("/", () => new Template("todo.html", page()));

app.route("/todos", { methods: ["POST"] }, async (req) => {
  const title = (await req.form()).get("title")?.trim() ?? "";
  if (!title) return new ValidationError("todo.html", "form", page({ values: { title }, errors: { title: "Give the todo a title." } }));
  const todo = add(title);
  if (!req.isHtmx) return backToList();
  // The form comes back empty; the new item and the badge go out of band.
  return new OOB(
    new Fragment("todo.html", "form", page()),
    new Fragment("todo.html", "item", { todo }, { target: "todo-list", swap: "beforeend" }),
    count(),
  );
});

app.route("/todos/:id/toggle", { methods: ["POST"] }, (req) => {
  const todo = find(req);
  if (todo) todo.done = !todo.done;
  if (!req.isHtmx || !todo) return backToList();
  return new OOB(new Fragment("todo.html", "item", { todo }), count());
});

app.route("/todos/:id/delete", { methods: ["POST"] }, (req) => {
  todos.delete(Number(req.params.id));
  if (!req.isHtmx) return backToList();
  return new OOB("", count());
});

if (isMain(import.meta)) app.run();
