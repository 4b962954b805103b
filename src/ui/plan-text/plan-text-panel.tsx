import { Fragment, useEffect, useMemo, useRef, useState } from 'react';
import {
  buildNameMatcher,
  mentionIndex,
  segmentSentence,
  passageForFeature,
  type NameMatcher,
} from '../../core/plan-text/plan-mentions';
import type { PlanSentence, PlanTextDocument } from '../../core/plan-text/plan-text';
import type { PlanFeature } from '../../core/plan/plan-feature';
import { loadErrorMessage } from '../../core/data-load-error';
import { selectAndReveal } from '../../state/actions';
import { useAppStore, useAppStoreApi } from '../../state/store-context';
import { useTranslate } from '../use-translate';
import { loadPlanText, planTextSource } from './load-plan-text';

/** The DOM id of a sentence, for links back from a feature's panel. */
export function sentenceElementId(sentenceId: string): string {
  return `plan-sentence-${sentenceId}`;
}

/** 区县 names as the plan writes them (渝中, 九龙坡): words a shorter name must not be found in. */
function districtShortNames(features: readonly PlanFeature[]): string[] {
  return features
    .filter((feature) => feature.properties.category === 'district')
    .map((feature) =>
      feature.properties.name_zh.replace(
        /(土家族苗族自治县|土家族自治县|苗族土家族自治县|自治县|县|区)$/,
        '',
      ),
    )
    .filter((name) => Array.from(name).length >= 2);
}

function quoteOf(feature: PlanFeature): string | undefined {
  const value: unknown = (feature.properties as unknown as Record<string, unknown>)['plan_quote'];
  return typeof value === 'string' ? value : undefined;
}

/** The feature a mention stands for: one whose plan reference is this sentence's section first. */
function pickFeature(
  ids: readonly string[],
  sentence: PlanSentence,
  byId: ReadonlyMap<string, PlanFeature>,
): string | undefined {
  return (
    ids.find((id) =>
      (byId.get(id)?.properties.plan_ref ?? '')
        .split(';')
        .some((ref) => ref.trim().replace(/\s+/g, '') === sentence.section),
    ) ?? ids[0]
  );
}

function Sentence({
  sentence,
  matcher,
  byId,
  highlighted,
  onChoose,
}: {
  sentence: PlanSentence;
  matcher: NameMatcher;
  byId: ReadonlyMap<string, PlanFeature>;
  highlighted: boolean;
  onChoose: (featureId: string) => void;
}) {
  const segments = segmentSentence(matcher, sentence.text);
  return (
    <span
      id={sentenceElementId(sentence.id)}
      className={highlighted ? 'sentence sentence-highlight' : 'sentence'}
      tabIndex={-1}
      data-section={sentence.section}
    >
      {segments.map((segment, index) =>
        segment.kind === 'text' ? (
          <Fragment key={index}>{segment.text}</Fragment>
        ) : (
          <button
            key={index}
            type="button"
            className="mention"
            data-feature-ids={segment.featureIds.join(' ')}
            onClick={() => {
              const id = pickFeature(segment.featureIds, sentence, byId);
              if (id !== undefined) onChoose(id);
            }}
          >
            {segment.text}
          </button>
        ),
      )}
    </span>
  );
}

function Blocks({
  document,
  matcher,
  byId,
  highlighted,
  onChoose,
}: {
  document: PlanTextDocument;
  matcher: NameMatcher;
  byId: ReadonlyMap<string, PlanFeature>;
  highlighted: ReadonlySet<string>;
  onChoose: (featureId: string) => void;
}) {
  return (
    <>
      {document.blocks.map((block) => {
        if (block.kind === 'heading') {
          const Tag = block.level <= 1 ? 'h3' : block.level === 2 ? 'h4' : 'h5';
          return (
            <Tag key={block.id} className={`plan-heading plan-heading-${String(block.level)}`}>
              {block.text}
            </Tag>
          );
        }
        if (block.kind === 'table') {
          return (
            <div key={block.id} className="plan-table-wrap">
              <table className="plan-table">
                <tbody>
                  {block.rows.map((row, rowIndex) => (
                    <tr key={rowIndex}>
                      {row.map((cell, cellIndex) => (
                        <td key={cellIndex}>{cell}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          );
        }
        return (
          <p key={block.id}>
            {block.sentences.map((sentence) => (
              <Sentence
                key={sentence.id}
                sentence={sentence}
                matcher={matcher}
                byId={byId}
                highlighted={highlighted.has(sentence.id)}
                onChoose={onChoose}
              />
            ))}
          </p>
        );
      })}
    </>
  );
}

/**
 * The plan's own text, with the name of every mapped feature highlighted: a click on a name flies
 * the map to its feature and selects it. A feature's panel links back here, to the sentence that
 * names it.
 */
export function PlanTextPanel() {
  const { lang, t } = useTranslate();
  const store = useAppStoreApi();
  const collections = useAppStore((state) => state.collections);
  const request = useAppStore((state) => state.planTextRequest);
  const [document, setDocument] = useState<PlanTextDocument | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [highlighted, setHighlighted] = useState<ReadonlySet<string>>(new Set());
  const [notFound, setNotFound] = useState<string | null>(null);
  const handled = useRef<number | null>(null);
  useEffect(() => {
    let live = true;
    loadPlanText().then(
      (loaded) => {
        if (live) setDocument(loaded);
      },
      (thrown: unknown) => {
        if (live) setError(thrown ?? new Error('unknown'));
      },
    );
    return () => {
      live = false;
    };
  }, []);
  const features = useMemo(
    () => Object.values(collections).flatMap((collection) => collection.features),
    [collections],
  );
  const byId = useMemo(
    () => new Map(features.map((feature) => [feature.properties.id, feature])),
    [features],
  );
  const matcher = useMemo(
    () =>
      buildNameMatcher(
        features.map((feature) => ({
          id: feature.properties.id,
          name: feature.properties.name_zh,
        })),
        districtShortNames(features),
      ),
    [features],
  );
  const mentions = useMemo(
    () => (document === null ? null : mentionIndex(matcher, document)),
    [matcher, document],
  );
  useEffect(() => {
    if (request === null || document === null || mentions === null) return;
    if (handled.current === request.sequence) return;
    handled.current = request.sequence;
    const feature = byId.get(request.featureId);
    if (feature === undefined) return;
    const passage = passageForFeature(document, mentions, {
      id: feature.properties.id,
      planRef: feature.properties.plan_ref,
      quote: quoteOf(feature),
    });
    if (passage === null) {
      setHighlighted(new Set());
      setNotFound(feature.properties.name_zh);
      return;
    }
    setNotFound(null);
    setHighlighted(new Set(passage.sentences.map((sentence) => sentence.id)));
    const sentence = passage.focus;
    requestAnimationFrame(() => {
      const element = window.document.getElementById(sentenceElementId(sentence.id));
      const scroller = element?.closest('.drawer-body');
      if (element == null || scroller == null) return;
      // Scroll only the drawer: scrollIntoView would also move the page and the map.
      const offset = element.getBoundingClientRect().top - scroller.getBoundingClientRect().top;
      scroller.scrollTop += offset - scroller.clientHeight / 3;
      element.focus({ preventScroll: true });
    });
  }, [request, document, mentions, byId]);
  const source = planTextSource();
  const mappedCount = mentions?.size ?? 0;
  return (
    <div className="plan-text" data-testid="plan-text">
      <p className="small muted">{source !== null ? t('planText.source') : null}</p>
      {document !== null ? (
        <p className="small">{t('planText.legend', { count: mappedCount })}</p>
      ) : null}
      {notFound !== null ? (
        <p className="small plan-text-notice" role="status">
          {t('planText.notFound', { name: notFound })}
        </p>
      ) : null}
      {error !== null ? <p role="alert">{loadErrorMessage(error, lang)}</p> : null}
      {document === null && error === null ? <p className="muted">{t('app.loading')}</p> : null}
      {document !== null ? (
        // The plan is quoted in its Chinese original in both languages.
        <div lang="zh-CN">
          <Blocks
            document={document}
            matcher={matcher}
            byId={byId}
            highlighted={highlighted}
            onChoose={(featureId) => {
              selectAndReveal(store, featureId);
            }}
          />
        </div>
      ) : null}
    </div>
  );
}
