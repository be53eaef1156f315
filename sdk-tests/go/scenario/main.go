// The gateway scenario with openai-go: what a service does with its threads, through Spool.
//
// Reads SPOOL_BASE_URL (Spool's /v1, or any Assistants-compatible server) and SPOOL_API_KEY, plus
// SPOOL_SDK_RUN (a tag put in the thread's metadata) and SPOOL_SDK_SKIP (checks the server cannot
// answer yet, comma-separated). Prints one JSON line per check; exits 1 if any check failed.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/option"
	"github.com/openai/openai-go/v3/shared"
)

var failed bool

func report(check string, ok bool, detail string, extra map[string]any) {
	line := map[string]any{"check": check, "ok": ok, "detail": detail}
	maps.Copy(line, extra)
	encoded, _ := json.Marshal(line)
	fmt.Println(string(encoded))
	failed = failed || !ok
}

func skipped(check string) bool {
	skip := slices.Contains(strings.Split(os.Getenv("SPOOL_SDK_SKIP"), ","), check)
	if skip {
		encoded, _ := json.Marshal(map[string]any{"check": check, "skipped": true})
		fmt.Println(string(encoded))
	}
	return skip
}

// apiError is the SDK's error for an HTTP status, or nil for anything else.
func apiError(err error) *openai.Error {
	var apiErr *openai.Error
	if errors.As(err, &apiErr) {
		return apiErr
	}
	return nil
}

func must[T any](value T, err error) T {
	if err != nil {
		panic(err)
	}
	return value
}

func main() {
	ctx := context.Background()
	run := os.Getenv("SPOOL_SDK_RUN")
	if run == "" {
		run = "manual"
	}
	// A service changes only the two options of NewClient to record its threads in Spool:
	client := openai.NewClient(
		option.WithBaseURL(os.Getenv("SPOOL_BASE_URL")), // Spool's /v1, e.g. https://spool.example.com/v1
		option.WithAPIKey(os.Getenv("SPOOL_API_KEY")),   // a Spool key: npm run keys -- create
	)
	metadata := shared.Metadata{"sdk": "go", "run": run}

	thread := must(client.Beta.Threads.New(ctx, openai.BetaThreadNewParams{
		Messages: []openai.BetaThreadNewParamsMessage{
			{Role: "user", Content: openai.BetaThreadNewParamsMessageContentUnion{OfString: openai.String("Hello from the Go SDK")}},
			{Role: "user", Content: openai.BetaThreadNewParamsMessageContentUnion{OfArrayOfContentParts: []openai.MessageContentPartParamUnion{
				{OfText: &openai.TextContentBlockParam{Text: "second"}},
			}}},
		},
		Metadata: metadata,
	}))
	report("create", strings.HasPrefix(thread.ID, "thread_") && maps.Equal(thread.Metadata, metadata), fmt.Sprint(thread.ID, " ", thread.Metadata), map[string]any{"thread_id": thread.ID})

	fetched := must(client.Beta.Threads.Get(ctx, thread.ID))
	report("retrieve", fetched.ID == thread.ID && maps.Equal(fetched.Metadata, metadata), fmt.Sprint(fetched.ID, " ", fetched.Metadata), nil)

	updatedMetadata := maps.Clone(metadata)
	updatedMetadata["stage"] = "updated"
	updated := must(client.Beta.Threads.Update(ctx, thread.ID, openai.BetaThreadUpdateParams{Metadata: updatedMetadata}))
	report("update_metadata", maps.Equal(updated.Metadata, updatedMetadata), fmt.Sprint(updated.Metadata), nil)

	if !skipped("list_messages") {
		page := must(client.Beta.Threads.Messages.List(ctx, thread.ID, openai.BetaThreadMessageListParams{Order: openai.BetaThreadMessageListParamsOrderAsc}))
		var texts, roles []string
		for _, message := range page.Data {
			roles = append(roles, string(message.Role))
			for _, part := range message.Content {
				if part.Type == "text" {
					texts = append(texts, part.Text.Value)
				}
			}
		}
		ok := slices.Equal(texts, []string{"Hello from the Go SDK", "second"}) && slices.Equal(roles, []string{"user", "user"})
		report("list_messages", ok, fmt.Sprint(roles, " ", texts), nil)
	}

	deleted := must(client.Beta.Threads.Delete(ctx, thread.ID))
	_, err := client.Beta.Threads.Get(ctx, thread.ID)
	gone := apiError(err) != nil && apiError(err).StatusCode == 404
	report("delete", deleted.Deleted && deleted.ID == thread.ID && gone, fmt.Sprintf("deleted=%v, 404 afterwards=%v", deleted.Deleted, gone), nil)

	if !skipped("wrong_key") {
		wrong := openai.NewClient(option.WithBaseURL(os.Getenv("SPOOL_BASE_URL")), option.WithAPIKey("spool-sdk-test-wrong-key"), option.WithMaxRetries(0))
		made, err := wrong.Beta.Threads.New(ctx, openai.BetaThreadNewParams{Metadata: metadata})
		if err == nil {
			report("wrong_key", false, "created "+made.ID+" with a wrong key", nil)
		} else if apiErr := apiError(err); apiErr != nil {
			report("wrong_key", apiErr.StatusCode == 401, fmt.Sprintf("*openai.Error %d", apiErr.StatusCode), nil)
		} else {
			report("wrong_key", false, err.Error(), nil)
		}
	}

	made, err := client.Beta.Threads.New(ctx, openai.BetaThreadNewParams{
		Messages: []openai.BetaThreadNewParamsMessage{
			{Role: "system", Content: openai.BetaThreadNewParamsMessageContentUnion{OfString: openai.String("not a thread role")}},
		},
		Metadata: metadata,
	})
	if err == nil {
		report("invalid_body", false, "created "+made.ID+" with role 'system'", nil)
	} else if apiErr := apiError(err); apiErr != nil {
		named := strings.Contains(apiErr.Param+" "+apiErr.Message, "role")
		report("invalid_body", apiErr.StatusCode == 400 && named, fmt.Sprintf("*openai.Error %d param=%q: %s", apiErr.StatusCode, apiErr.Param, apiErr.Message), nil)
	} else {
		report("invalid_body", false, err.Error(), nil)
	}

	if failed {
		os.Exit(1)
	}
}
