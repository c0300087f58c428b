/* example-builder — build a small rare-earth magnet chain in code with CgGraphBuilder, then
 * ask the three questions: bottlenecks, supply-risk links, complementary regions.
 *
 *   cc example-builder.c $(pkg-config --cflags --libs chaingraph) -o example-builder
 *   ./example-builder               the answers for the graph built here
 *   ./example-builder --load FILE   the same answers for a graph loaded from FILE
 *   ./example-builder --export      the built graph as node-link JSON
 */
#include <chaingraph/chaingraph.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

static CgGraph *
build(GError **error)
{
  g_autoptr(CgGraphBuilder) b = cg_graph_builder_new("example-builder");
  gsize doc = cg_graph_builder_add_document(b, "plan.txt", "plan", "A regional plan");
  CgProvenance said = {(int)doc, NULL, "稀土——钕铁硼、钐钴——电机——新能源汽车", NULL, NULL};

  /* Nodes: id, Chinese name, stage. */
  static const struct {
    const char *id, *name;
    CgStage stage;
  } nodes[] = {
      {"rare-earth", "稀土", CG_STAGE_RAW},      {"ndfeb", "钕铁硼", CG_STAGE_MATERIAL},
      {"smco", "钐钴", CG_STAGE_MATERIAL},       {"motor", "电机", CG_STAGE_COMPONENT},
      {"ev", "新能源汽车", CG_STAGE_APPLICATION}, {"fan", "风机", CG_STAGE_APPLICATION},
  };
  CgNodeId v[G_N_ELEMENTS(nodes)];
  for (guint i = 0; i < G_N_ELEMENTS(nodes); i++) {
    v[i] = cg_graph_builder_add_node(b, nodes[i].id);
    if (!cg_graph_builder_set_node_name(b, v[i], nodes[i].name, error) ||
        !cg_graph_builder_set_node_stage(b, v[i], nodes[i].stage, error))
      return NULL;
  }
  if (!cg_graph_builder_set_node_weight(b, v[4], 3, error) ||
      !cg_graph_builder_set_node_import_share(b, v[0], 0.4, error))
    return NULL;
  CgProvenance monopoly = {(int)doc, NULL, "高端稀土材料依赖进口", NULL, NULL};
  cg_graph_builder_add_node_chokepoint(b, v[0], CG_CHOKEPOINT_KIND_FOREIGN, &monopoly);

  /* Edges: the motor needs one of the two magnets (one OR group); the rest are sole inputs. */
  cg_graph_builder_add_edge(b, v[0], v[1], NULL, &said);
  cg_graph_builder_add_edge(b, v[0], v[2], NULL, &said);
  cg_graph_builder_add_edge(b, v[1], v[3], "magnet", &said);
  cg_graph_builder_add_edge(b, v[2], v[3], "magnet", &said);
  cg_graph_builder_add_edge(b, v[3], v[4], NULL, &said);
  cg_graph_builder_add_edge(b, v[3], v[5], NULL, &said);

  /* Regions and what they make. */
  gsize zj = cg_graph_builder_add_region(b, "浙江"), jx = cg_graph_builder_add_region(b, "江西");
  gsize nb = cg_graph_builder_add_region(b, "宁波"), gz = cg_graph_builder_add_region(b, "赣州");
  if (!cg_graph_builder_set_region_level(b, zj, CG_LEVEL_PROVINCE, error) ||
      !cg_graph_builder_set_region_level(b, jx, CG_LEVEL_PROVINCE, error) ||
      !cg_graph_builder_set_region_level(b, nb, CG_LEVEL_CITY, error) ||
      !cg_graph_builder_set_region_parent(b, nb, "浙江", error) ||
      !cg_graph_builder_set_region_level(b, gz, CG_LEVEL_CITY, error) ||
      !cg_graph_builder_set_region_parent(b, gz, "江西", error))
    return NULL;
  cg_graph_builder_add_capability(b, gz, v[0], NAN, FALSE, &said);
  cg_graph_builder_add_capability(b, gz, v[1], NAN, FALSE, &said);
  cg_graph_builder_add_capability(b, nb, v[1], NAN, FALSE, &said);
  cg_graph_builder_add_capability(b, nb, v[3], NAN, FALSE, &said);
  cg_graph_builder_add_capability(b, nb, v[4], NAN, TRUE, &said); /* planned */
  return cg_graph_builder_finish(b, error);
}

static int
answer(const CgGraph *g)
{
  g_autoptr(GError) error = NULL;
  CgBottleneckOptions bo;
  cg_bottleneck_options_init(&bo, CG_BOTTLENECK_OPTIONS_VERSION);
  bo.top = 3;
  g_autoptr(CgBottlenecks) bn = cg_bottlenecks(g, &bo, &error);
  CgRiskOptions ro;
  cg_risk_options_init(&ro, CG_RISK_OPTIONS_VERSION);
  ro.samples = 2000;
  ro.top = 3;
  g_autoptr(CgRisk) risk = bn ? cg_risk(g, &ro, &error) : NULL;
  CgComplementOptions co;
  cg_complement_options_init(&co, CG_COMPLEMENT_OPTIONS_VERSION);
  co.top = 3;
  g_autoptr(CgComplement) comp = risk ? cg_complement(g, &co, &error) : NULL;
  if (!comp) {
    fprintf(stderr, "%s\n", error->message);
    return 1;
  }
  /* Results are opaque: read them through their accessors; an item is a pointer into the
   * result, never copied (its struct may grow). */
  printf("Bottlenecks (%s):\n", cg_bottlenecks_method(bn));
  for (gsize i = 0; i < cg_bottlenecks_n_items(bn); i++) {
    const CgBottleneck *b = cg_bottlenecks_item(bn, i);
    printf("  %5.1f%%  %s\n", 100 * b->criticality, b->why);
  }
  printf("Supply risk: expected loss %.3f of %g application weight\n",
         cg_risk_expected_loss(risk), cg_risk_total_weight(risk));
  for (gsize i = 0; i < cg_risk_n_links(risk); i++) {
    const CgRiskLink *l = cg_risk_link(risk, i);
    printf("  %.3f  %s\n", l->score, l->why);
  }
  printf("Complementary regions (%s):\n", cg_complement_level(comp));
  for (gsize i = 0; i < cg_complement_n_pairs(comp); i++) {
    g_autofree char *why = cg_complement_pair_why(g, comp, i);
    printf("  %5.1f%%  %s\n", 100 * cg_complement_pair(comp, i)->score, why);
  }
  return 0;
}

int
main(int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  gboolean load = argc == 3 && strcmp(argv[1], "--load") == 0;
  gboolean export = argc == 2 && strcmp(argv[1], "--export") == 0;
  if (argc > 1 && !load && !export) {
    fprintf(stderr, "usage: %s [--load FILE | --export]\n", argv[0]);
    return 2;
  }
  const char *paths[] = {load ? argv[2] : NULL, NULL};
  g_autoptr(CgGraph) g = load ? cg_graph_load(paths, NULL, &error) : build(&error);
  if (!g) {
    fprintf(stderr, "%s\n", error->message);
    return 1;
  }
  if (export) {
    g_autofree char *json = cg_graph_to_string(g, "json", &error);
    fputs(json, stdout);
    return 0;
  }
  return answer(g);
}
