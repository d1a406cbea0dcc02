/** How a link looks everywhere (tables, headers, sentences): indigo, underlined on hover. */
export const LINK = "text-indigo-600 hover:underline dark:text-indigo-400";
