/* JSON helpers shared by the analyses' *_to_json functions (json-glib builders). */
#include "present/cg-present.h"

void
cg__json_str(JsonBuilder *b, const char *key, const char *value)
{
  json_builder_set_member_name(b, key);
  if (value)
    json_builder_add_string_value(b, value);
  else
    json_builder_add_null_value(b);
}

/* A number; NaN and infinities (not JSON) become null. */
void
cg__json_num(JsonBuilder *b, const char *key, double x)
{
  json_builder_set_member_name(b, key);
  if (isnan(x) || isinf(x))
    json_builder_add_null_value(b);
  else
    json_builder_add_double_value(b, x);
}

void
cg__json_int(JsonBuilder *b, const char *key, gint64 x)
{
  json_builder_set_member_name(b, key);
  json_builder_add_int_value(b, x);
}

/* An array of node ids, in the given order; under @key when it is not NULL. */
void
cg__json_ids(JsonBuilder *b, const char *key, const CgGraph *g, const guint32 *v, gsize n)
{
  if (key)
    json_builder_set_member_name(b, key);
  json_builder_begin_array(b);
  for (gsize i = 0; i < n; i++)
    json_builder_add_string_value(b, cg__node(g, v[i])->id);
  json_builder_end_array(b);
}

/* The document evidence behind a node: its chokepoint quotes, then its other quotes. */
void
cg__json_evidence(JsonBuilder *b, const CgGraph *g, guint32 v)
{
  json_builder_begin_array(b);
  const CgNodeRec *n = cg__node(g, v);
  for (int pass = 0; pass < 2 && n->x; pass++) {
    GArray *a = pass == 0 ? n->x->chokepoints : n->x->provenance;
    for (guint i = 0; a && i < a->len; i++) {
      const CgProvenance *p = &g_array_index(a, CgProvenance, i);
      if (!p->quote && !p->inferred)
        continue;
      json_builder_begin_object(b);
      cg__json_str(b, "kind", pass == 0 ? n->x->chokepoint_kinds->pdata[i] : "claim");
      cg__json_str(b, "document",
                   p->document >= 0 ? cg_document_file(g, (gsize)p->document) : NULL);
      cg__json_str(b, "section", p->section);
      cg__json_str(b, "quote", p->quote);
      cg__json_str(b, "inferred", p->inferred);
      json_builder_end_object(b);
    }
  }
  json_builder_end_array(b);
}

/* The builder's document as pretty-printed text; takes the builder. */
char *
cg__json_finish(JsonBuilder *b)
{
  JsonNode *root = json_builder_get_root(b);
  JsonGenerator *gen = json_generator_new();
  json_generator_set_pretty(gen, TRUE);
  json_generator_set_root(gen, root);
  char *text = json_generator_to_data(gen, NULL);
  g_object_unref(gen);
  json_node_unref(root);
  g_object_unref(b);
  return text;
}

void
cg__json_footing(JsonBuilder *b, const CgGraph *g)
{
  CgFootingOptions f;
  cg_graph_footing(g, &f);
  cg__json_str(b, "horizon", cg_horizon_to_string(f.horizon));
  json_builder_set_member_name(b, "without_inferred");
  json_builder_add_boolean_value(b, f.without_inferred);
  cg__json_str(b, "application_weights", cg_weighting_to_string(f.weights));
}
