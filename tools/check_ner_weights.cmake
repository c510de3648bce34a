# Remakes the word clusters and the NER weights as include/byline/entity/data/ner_weights.hpp says,
# and fails when the header's data differs. Run by ctest (ner_weights_regenerate).
file(MAKE_DIRECTORY "${WORK}")
execute_process(
  COMMAND "${CLUSTERS}" --conll "${DATA}/conll2003/eng.train" --conllu "${DATA}/gum-news/dep"
    --clusters 1024 --min-count 2 --out "${WORK}/clusters.tsv"
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "word_clusters failed: ${rc}")
endif()
execute_process(
  COMMAND "${TRAIN}" --train "${DATA}/conll2003/eng.train" --epochs 10
    --features baseline,history,viterbi,clusters,extra --gold-history --clusters "${WORK}/clusters.tsv"
    --check "${HEADER}"
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the weights in ${HEADER} are not what tools/train_ner makes now")
endif()
