/** Step 8: a short quiz — the learner explains the difference in their own words (by choosing). */
import { loadQuiz } from "../../content/lesson-content.js";
import { mark, saveState } from "../context.js";
import type { Step } from "../step.js";

export const review: Step = {
  id: "review",
  requires: ["curl"],
  traceless: true,
  pace: "quiz",
  detect(_view, state) {
    const quiz = state.quiz;
    if (!quiz) return { done: false, why: "detect.review.todo" };
    // Fewer than half right: the closing words send the learner back to the explanations, not on as if it were learnt.
    const missed = quiz.score !== undefined && quiz.score * 2 < quiz.total;
    return { done: true, why: "detect.review.done", ...(missed ? { doneVariant: "missed" } : {}) };
  },
  async perform(ctx) {
    // Only what this learner was shown on their path (a note they never saw is not asked).
    const taught = new Set(ctx.state.taught ?? []);
    const questions = loadQuiz(ctx.lesson, ctx.io.lang).filter((q) => (q.needs ?? []).every((n) => taught.has(n)));
    // Stopped midway last time (Ctrl-C, closed window): the questions answered then keep their answers.
    const answered: Record<string, boolean> = { ...ctx.state.quizAnswers };
    const before = questions.filter((q) => q.id in answered).length;
    if (before > 0) ctx.io.notify({ type: "notice", level: "info", message: ctx.t("quiz.resumed", { n: before, total: questions.length }) });
    for (const [i, q] of questions.entries()) {
      if (q.id in answered) continue;
      const picked = await ctx.io.select(
        `${ctx.t("quiz.question", { n: i + 1, total: questions.length })} ${q.question}`,
        q.choices.map((c, idx) => ({ value: idx, name: c })),
        // Without a learner (--yes / no TTY) the quiz shows each answer with its explanation.
        ctx.io.interactive ? 0 : q.answer,
        { judged: true },
      );
      const right = picked === q.answer;
      ctx.io.notify({ type: "quiz-answer", step: "review", id: q.id, right, answer: q.choices[q.answer] ?? "", explanation: q.explanation });
      answered[q.id] = right;
      // A learner's answer is saved once its explanation is on screen: a stop after it does not ask it again.
      if (ctx.io.interactive) {
        ctx.state.quizAnswers = { ...answered };
        saveState(ctx);
      }
    }
    const score = questions.filter((q) => answered[q.id] === true).length;
    delete ctx.state.quizAnswers;
    // A score only when someone answered: the answers shown by --yes earned none.
    ctx.state.quiz = { ...(ctx.io.interactive ? { score } : {}), total: questions.length, at: new Date(ctx.clock.now()).toISOString() };
    saveState(ctx);
    ctx.io.notify(ctx.io.interactive ? { type: "quiz-result", answered: true, score, total: questions.length } : { type: "quiz-result", answered: false, total: questions.length });
    mark(ctx, "review");
  },
};
