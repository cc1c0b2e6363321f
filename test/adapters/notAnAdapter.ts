/** A module whose default export is not an adapter. */
export default { hello: 'world' };
